#include "eval/metrics/chrf.hpp"

#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "eval/metrics/py_text.hpp"
#include "eval/metrics/signature.hpp"

namespace genops::eval::metrics {
namespace {

using CharCounts = std::unordered_map<std::u32string_view, std::int64_t>;
using WordCounts = std::unordered_map<std::string, std::int64_t>;

// The n-grams of one segment, per order; the views point into `chars`.
struct SegmentNgrams {
  std::u32string chars;
  std::vector<CharCounts> char_orders;
  std::vector<WordCounts> word_orders;
};

// string.punctuation, which sacreBLEU splits off word edges for chrF++.
bool is_ascii_punctuation(std::string_view word_char) {
  static constexpr std::string_view k_puncts = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  return word_char.size() == 1 && k_puncts.find(word_char[0]) != std::string_view::npos;
}

// sacreBLEU's _remove_punctuation: one punctuation mark split off the end of a
// word, else off its start ("(hi)" becomes "(hi" and ")", sacreBLEU #124).
std::vector<std::string> split_punctuation(std::string_view segment) {
  std::vector<std::string> words;
  for (const auto word : py_split(segment)) {
    const std::u32string chars = decode_utf8(word);
    if (chars.size() == 1) {
      words.emplace_back(word);
      continue;
    }
    const std::string last = encode_utf8(chars.substr(chars.size() - 1));
    const std::string first = encode_utf8(chars.substr(0, 1));
    if (is_ascii_punctuation(last)) {
      words.emplace_back(word.substr(0, word.size() - last.size()));
      words.push_back(last);
    } else if (is_ascii_punctuation(first)) {
      words.push_back(first);
      words.emplace_back(word.substr(first.size()));
    } else {
      words.emplace_back(word);
    }
  }
  return words;
}

SegmentNgrams extract_ngrams(std::string_view raw, const ChrfOptions& options) {
  SegmentNgrams out;
  const std::string segment = options.lowercase ? py_lower(raw) : std::string(raw);
  for (const char32_t c : decode_utf8(segment)) {
    if (options.whitespace || !is_py_space(c)) {
      out.chars.push_back(c);
    }
  }
  const std::u32string_view chars(out.chars);
  for (std::size_t n = 1; n <= static_cast<std::size_t>(options.char_order); ++n) {
    CharCounts& counts = out.char_orders.emplace_back();
    for (std::size_t i = 0; i + n <= chars.size(); ++i) {
      ++counts[chars.substr(i, n)];
    }
  }
  if (options.word_order > 0) {
    const std::vector<std::string> words = split_punctuation(segment);
    for (std::size_t n = 1; n <= static_cast<std::size_t>(options.word_order); ++n) {
      WordCounts& counts = out.word_orders.emplace_back();
      for (std::size_t i = 0; i + n <= words.size(); ++i) {
        std::string ngram = words[i];
        for (std::size_t k = 1; k < n; ++k) {
          ngram += ' ';
          ngram += words[i + k];
        }
        ++counts[std::move(ngram)];
      }
    }
  }
  return out;
}

// sacreBLEU's _get_match_statistics for one order.
template <typename Counts>
void append_match_stats(const Counts& hyp, const Counts& ref, std::vector<std::int64_t>& out) {
  std::int64_t matches = 0;
  std::int64_t hyp_count = 0;
  for (const auto& [ngram, count] : hyp) {
    hyp_count += count;
    if (const auto found = ref.find(ngram); found != ref.end()) {
      matches += std::min(count, found->second);
    }
  }
  std::int64_t ref_count = 0;
  for (const auto& entry : ref) {
    ref_count += entry.second;
  }
  // No hypothesis n-grams are counted for an order the reference lacks.
  out.push_back(ref.empty() ? 0 : hyp_count);
  out.push_back(ref_count);
  out.push_back(matches);
}

ChrfStats match_stats(const SegmentNgrams& hyp, const SegmentNgrams& ref) {
  ChrfStats stats;
  for (std::size_t i = 0; i < hyp.char_orders.size(); ++i) {
    append_match_stats(hyp.char_orders[i], ref.char_orders[i], stats.values);
  }
  for (std::size_t i = 0; i < hyp.word_orders.size(); ++i) {
    append_match_stats(hyp.word_orders[i], ref.word_orders[i], stats.values);
  }
  return stats;
}

}  // namespace

ChrfOptions chrf_plus_plus_options() {
  ChrfOptions options;
  options.word_order = 2;
  return options;
}

ChrfStats& ChrfStats::operator+=(const ChrfStats& other) {
  values.resize(std::max(values.size(), other.values.size()), 0);
  for (std::size_t i = 0; i < other.values.size(); ++i) {
    values[i] += other.values[i];
  }
  return *this;
}

ChrfStats chrf_segment_stats(std::string_view hypothesis, std::span<const std::string> references,
                             const ChrfOptions& options) {
  const SegmentNgrams hyp = extract_ngrams(hypothesis, options);
  ChrfStats best;
  double best_score = -1.0;
  for (const auto& reference : references) {
    ChrfStats stats = match_stats(hyp, extract_ngrams(reference, options));
    const double score = compute_chrf(stats, options);
    if (score > best_score) {
      best_score = score;
      best = std::move(stats);
    }
  }
  return best;
}

double compute_chrf(const ChrfStats& stats, const ChrfOptions& options) {
  constexpr double k_eps = 1e-16;
  const int order = options.char_order + options.word_order;
  const double factor = static_cast<double>(options.beta) * static_cast<double>(options.beta);
  double score = 0.0;
  double avg_prec = 0.0;
  double avg_rec = 0.0;
  int effective_order = 0;
  for (int i = 0; i < order; ++i) {
    const auto at = [&](int k) {
      const auto index = static_cast<std::size_t>(3 * i + k);
      return index < stats.values.size() ? static_cast<double>(stats.values[index]) : 0.0;
    };
    const double n_hyp = at(0);
    const double n_ref = at(1);
    const double n_match = at(2);
    const double prec = n_hyp > 0 ? n_match / n_hyp : k_eps;
    const double rec = n_ref > 0 ? n_match / n_ref : k_eps;
    const double denom = factor * prec + rec;
    score += denom > 0 ? (1 + factor) * prec * rec / denom : k_eps;
    if (n_hyp > 0 && n_ref > 0) {
      avg_prec += prec;
      avg_rec += rec;
      ++effective_order;
    }
  }
  if (options.eps_smoothing) {
    return 100 * score / order;
  }
  if (effective_order == 0) {
    return 0.0;
  }
  avg_prec /= effective_order;
  avg_rec /= effective_order;
  if (avg_prec + avg_rec == 0.0) {
    return 0.0;
  }
  double f_score = (1 + factor) * avg_prec * avg_rec;
  f_score /= (factor * avg_prec) + avg_rec;
  return 100 * f_score;
}

double corpus_chrf(std::span<const std::string> hypotheses,
                   std::span<const std::vector<std::string>> references, const ChrfOptions& options) {
  if (hypotheses.size() != references.size()) {
    core::fail_input(std::to_string(hypotheses.size()) + " hypotheses but " +
                     std::to_string(references.size()) + " reference lists");
  }
  ChrfStats sum;
  for (std::size_t i = 0; i < hypotheses.size(); ++i) {
    sum += chrf_segment_stats(hypotheses[i], references[i], options);
  }
  return compute_chrf(sum, options);
}

double sentence_chrf(std::string_view hypothesis, std::span<const std::string> references,
                     const ChrfOptions& options) {
  return compute_chrf(chrf_segment_stats(hypothesis, references, options), options);
}

std::string chrf_name(const ChrfOptions& options) {
  return "chrF" + std::to_string(options.beta) + std::string(static_cast<std::size_t>(options.word_order), '+');
}

std::string chrf_signature(const ChrfOptions& options, std::string_view nrefs) {
  return "nrefs:" + std::string(nrefs) + "|case:" + (options.lowercase ? "lc" : "mixed") +
         "|eff:" + (options.eps_smoothing ? "no" : "yes") + "|nc:" + std::to_string(options.char_order) +
         "|nw:" + std::to_string(options.word_order) + "|space:" + (options.whitespace ? "yes" : "no") +
         "|version:" + std::string(k_metrics_version);
}

}  // namespace genops::eval::metrics
