#include "eval/metrics/chrf.hpp"

#include <algorithm>
#include <string_view>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "eval/metrics/joined_tokens.hpp"
#include "eval/metrics/ngram_table.hpp"
#include "eval/metrics/py_text.hpp"
#include "eval/metrics/signature.hpp"

namespace genops::eval::metrics {
namespace {

using CharCounts = NgramTable<std::u32string_view>;
using WordCounts = NgramTable<std::string_view>;

// The n-grams of one segment; the tables' keys are views into `chars` and `words`.
struct SegmentNgrams {
  std::u32string chars;
  JoinedTokens words;
  CharCounts char_counts;
  WordCounts word_counts;
};

// string.punctuation, which sacreBLEU splits off word edges for chrF++.
bool is_ascii_punctuation(char32_t c) {
  static constexpr std::u32string_view k_puncts = U"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  return k_puncts.find(c) != std::u32string_view::npos;
}

// sacreBLEU's _remove_punctuation, joined by single spaces: one punctuation mark
// split off the end of a word, else off its start ("(hi)" becomes "(hi" and ")",
// sacreBLEU #124).
std::string split_punctuation(std::string_view segment) {
  std::string out;
  const auto add = [&out](std::u32string_view word) {
    if (!out.empty()) {
      out += ' ';
    }
    out += core::utf8::from_code_points(word);
  };
  for (const auto word_utf8 : py_split(segment)) {
    const std::u32string word = core::utf8::to_code_points(word_utf8);
    const std::u32string_view view(word);
    if (word.size() > 1 && is_ascii_punctuation(word.back())) {
      add(view.substr(0, word.size() - 1));
      add(view.substr(word.size() - 1));
    } else if (word.size() > 1 && is_ascii_punctuation(word.front())) {
      add(view.substr(0, 1));
      add(view.substr(1));
    } else {
      add(view);
    }
  }
  return out;
}

void extract_ngrams(std::string_view raw, const ChrfOptions& options, SegmentNgrams& out) {
  const std::string lowered = options.lowercase ? py_lower(raw) : std::string();
  const std::string_view segment = options.lowercase ? std::string_view(lowered) : raw;
  out.chars.clear();
  for (const char32_t c : core::utf8::to_code_points(segment)) {
    if (options.whitespace || !is_py_space(c)) {
      out.chars.push_back(c);
    }
  }
  const auto char_order = static_cast<std::size_t>(options.char_order);
  const std::u32string_view chars(out.chars);
  out.char_counts.reset(chars.size() * char_order);
  for (std::size_t i = 0; i < chars.size(); ++i) {
    std::uint64_t hash = k_hash_seed;
    for (std::size_t n = 1; n <= char_order && i + n <= chars.size(); ++n) {
      hash = hash_step(hash, chars[i + n - 1]);
      ++out.char_counts.at(chars.substr(i, n), hash_finish(hash), static_cast<int>(n));
    }
  }
  if (options.word_order > 0) {
    const auto word_order = static_cast<std::size_t>(options.word_order);
    out.words.assign(split_punctuation(segment));
    out.word_counts.reset(out.words.size() * word_order);
    out.words.for_each_ngram(word_order, [&](std::string_view ngram, std::uint64_t hash, int n) {
      ++out.word_counts.at(ngram, hash, n);
    });
  }
}

// The number of n-grams of order n in a sequence of `length` units.
std::int64_t ngram_total(std::size_t length, int n) {
  return length + 1 > static_cast<std::size_t>(n) ? static_cast<std::int64_t>(length + 1 - static_cast<std::size_t>(n)) : 0;
}

// sacreBLEU's _get_match_statistics for every order of one kind (characters or words).
template <typename Counts>
void append_match_stats(Counts& hyp, Counts& ref, std::size_t hyp_length, std::size_t ref_length, int orders,
                        std::vector<std::int64_t>& out) {
  std::vector<std::int64_t> matches(static_cast<std::size_t>(orders) + 1, 0);
  hyp.for_each([&](const typename Counts::Entry& entry) {
    if (const auto* found = ref.find(entry.key, entry.hash)) {
      matches[static_cast<std::size_t>(entry.order)] += std::min(entry.count, found->count);
    }
  });
  for (int n = 1; n <= orders; ++n) {
    const std::int64_t ref_count = ngram_total(ref_length, n);
    // No hypothesis n-grams are counted for an order the reference lacks.
    out.push_back(ref_count == 0 ? 0 : ngram_total(hyp_length, n));
    out.push_back(ref_count);
    out.push_back(matches[static_cast<std::size_t>(n)]);
  }
}

ChrfStats match_stats(SegmentNgrams& hyp, SegmentNgrams& ref, const ChrfOptions& options) {
  ChrfStats stats;
  stats.values.reserve(static_cast<std::size_t>(3 * (options.char_order + options.word_order)));
  append_match_stats(hyp.char_counts, ref.char_counts, hyp.chars.size(), ref.chars.size(), options.char_order,
                     stats.values);
  if (options.word_order > 0) {
    append_match_stats(hyp.word_counts, ref.word_counts, hyp.words.size(), ref.words.size(), options.word_order,
                       stats.values);
  }
  return stats;
}

// Reusable buffers, so a corpus allocates once rather than per segment.
struct ChrfScratch {
  SegmentNgrams hyp;
  SegmentNgrams ref;
};

ChrfStats segment_stats(std::string_view hypothesis, std::span<const std::string> references,
                        const ChrfOptions& options, ChrfScratch& scratch) {
  extract_ngrams(hypothesis, options, scratch.hyp);
  ChrfStats best;
  double best_score = -1.0;
  for (const auto& reference : references) {
    extract_ngrams(reference, options, scratch.ref);
    ChrfStats stats = match_stats(scratch.hyp, scratch.ref, options);
    const double score = compute_chrf(stats, options);
    if (score > best_score) {
      best_score = score;
      best = std::move(stats);
    }
  }
  return best;
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
  ChrfScratch scratch;
  return segment_stats(hypothesis, references, options, scratch);
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
  ChrfScratch scratch;
  for (std::size_t i = 0; i < hypotheses.size(); ++i) {
    sum += segment_stats(hypotheses[i], references[i], options, scratch);
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
