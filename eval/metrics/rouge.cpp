#include "eval/metrics/rouge.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/utf8.hpp"
#include "eval/metrics/porter_stemmer.hpp"
#include "eval/metrics/py_text.hpp"

namespace genops::eval::metrics {
namespace {

double fmeasure(double precision, double recall) {
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

// Maps tokens to small integers so LCS compares ints.
class TokenIds {
 public:
  std::vector<int> encode(const std::vector<std::string>& tokens) {
    std::vector<int> ids;
    ids.reserve(tokens.size());
    for (const auto& token : tokens) {
      ids.push_back(m_ids.try_emplace(token, static_cast<int>(m_ids.size())).first->second);
    }
    return ids;
  }

 private:
  std::unordered_map<std::string, int> m_ids;
};

RougeScore score_ngrams(const std::vector<std::string>& target, const std::vector<std::string>& prediction,
                        int n) {
  const auto count = [n](const std::vector<std::string>& tokens) {
    std::map<std::string, long> counts;
    const auto order = static_cast<std::size_t>(n);
    for (std::size_t i = 0; i + order <= tokens.size(); ++i) {
      std::string ngram = tokens[i];
      for (std::size_t k = 1; k < order; ++k) {
        ngram += ' ' + tokens[i + k];  // tokens are [a-z0-9]+, so ' ' cannot collide
      }
      ++counts[ngram];
    }
    return counts;
  };
  const auto target_ngrams = count(target);
  const auto prediction_ngrams = count(prediction);
  long intersection = 0;
  long target_count = 0;
  long prediction_count = 0;
  for (const auto& [ngram, c] : target_ngrams) {
    target_count += c;
    if (const auto found = prediction_ngrams.find(ngram); found != prediction_ngrams.end()) {
      intersection += std::min(c, found->second);
    }
  }
  for (const auto& entry : prediction_ngrams) {
    prediction_count += entry.second;
  }
  const double precision = static_cast<double>(intersection) / static_cast<double>(std::max(prediction_count, 1L));
  const double recall = static_cast<double>(intersection) / static_cast<double>(std::max(target_count, 1L));
  return {precision, recall, fmeasure(precision, recall)};
}

std::size_t lcs_length(std::span<const int> ref, std::span<const int> candidate) {
  std::vector<std::size_t> row(candidate.size() + 1, 0);
  for (const int token : ref) {
    std::size_t diagonal = 0;  // row[j - 1] of the previous line
    for (std::size_t j = 1; j <= candidate.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = token == candidate[j - 1] ? diagonal + 1 : std::max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row.back();
}

RougeScore score_lcs(const std::vector<int>& target, const std::vector<int>& prediction) {
  if (target.empty() || prediction.empty()) {
    return {};
  }
  const auto lcs = static_cast<double>(lcs_length(target, prediction));
  const double precision = lcs / static_cast<double>(prediction.size());
  const double recall = lcs / static_cast<double>(target.size());
  return {precision, recall, fmeasure(precision, recall)};
}

// rouge-score's get_sents: split on "\n", drop empty strings.
std::vector<std::string_view> split_sentences(std::string_view text) {
  std::vector<std::string_view> sentences;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end > start) {
      sentences.push_back(text.substr(start, end - start));
    }
    start = end + 1;
  }
  return sentences;
}

}  // namespace

core::Expected<RougeType> parse_rouge_type(std::string_view name) {
  if (name == "rougeL") {
    return RougeType{RougeType::Kind::lcs, 0};
  }
  if (name == "rougeLsum") {
    return RougeType{RougeType::Kind::lcs_summary, 0};
  }
  if (name.size() == 6 && core::starts_with(name, "rouge") && name[5] >= '1' && name[5] <= '9') {
    return RougeType{RougeType::Kind::ngram, name[5] - '0'};
  }
  return core::unexpected("unknown ROUGE type " + core::quote(name) +
                          ": expected rouge1 to rouge9, rougeL or rougeLsum");
}

std::string rouge_type_name(RougeType type) {
  switch (type.kind) {
    case RougeType::Kind::lcs: return "rougeL";
    case RougeType::Kind::lcs_summary: return "rougeLsum";
    case RougeType::Kind::ngram: break;
  }
  return "rouge" + std::to_string(type.n);
}

std::vector<std::string> rouge_tokenize(std::string_view text, const RougeOptions& options) {
  std::vector<std::string> tokens;
  std::string current;
  const auto flush = [&] {
    if (!current.empty()) {
      tokens.push_back(options.use_stemmer && current.size() > 3 ? porter_stem(current) : current);
      current.clear();
    }
  };
  for (const char32_t c : core::utf8::to_code_points(text)) {
    // After Python's lower(), only these code points are [a-z0-9]: ASCII letters
    // and digits, U+0130 (-> "i" + a combining dot, a separator) and the Kelvin sign.
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      current += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      current += static_cast<char>(c - 'A' + 'a');
    } else if (c == 0x212A) {
      current += 'k';
    } else if (c == 0x130) {
      current += 'i';
      flush();
    } else {
      flush();
    }
  }
  flush();
  // rouge-score finally drops anything that is not [a-z0-9]+ (a stem is never empty here).
  std::erase_if(tokens, [](const std::string& token) { return token.empty(); });
  return tokens;
}

std::vector<std::size_t> lcs_indices(std::span<const int> ref, std::span<const int> candidate) {
  const std::size_t cols = candidate.size() + 1;
  std::vector<std::size_t> table((ref.size() + 1) * cols, 0);
  const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return table[i * cols + j]; };
  for (std::size_t i = 1; i <= ref.size(); ++i) {
    for (std::size_t j = 1; j <= candidate.size(); ++j) {
      at(i, j) = ref[i - 1] == candidate[j - 1] ? at(i - 1, j - 1) + 1 : std::max(at(i - 1, j), at(i, j - 1));
    }
  }
  // rouge-score's _backtrack_norec: which LCS is read out decides the union.
  std::vector<std::size_t> indices;
  std::size_t i = ref.size();
  std::size_t j = candidate.size();
  while (i > 0 && j > 0) {
    if (ref[i - 1] == candidate[j - 1]) {
      indices.push_back(--i);
      --j;
    } else if (at(i, j - 1) > at(i - 1, j)) {
      --j;
    } else {
      --i;
    }
  }
  std::reverse(indices.begin(), indices.end());
  return indices;
}

RougeScore summary_level_lcs(std::span<const std::vector<int>> ref_sentences,
                             std::span<const std::vector<int>> candidate_sentences) {
  if (ref_sentences.empty() || candidate_sentences.empty()) {
    return {};
  }
  std::map<int, long> ref_counts;
  std::map<int, long> candidate_counts;
  std::size_t m = 0;
  std::size_t n = 0;
  for (const auto& sentence : ref_sentences) {
    m += sentence.size();
    for (const int token : sentence) ++ref_counts[token];
  }
  for (const auto& sentence : candidate_sentences) {
    n += sentence.size();
    for (const int token : sentence) ++candidate_counts[token];
  }
  if (m == 0 || n == 0) {
    return {};
  }
  long hits = 0;
  for (const auto& ref : ref_sentences) {
    std::set<std::size_t> union_indices;
    for (const auto& candidate : candidate_sentences) {
      const auto indices = lcs_indices(ref, candidate);
      union_indices.insert(indices.begin(), indices.end());
    }
    // Each token is a hit at most as often as it occurs on both sides (ROUGE 1.5.5).
    for (const std::size_t index : union_indices) {
      const int token = ref[index];
      if (candidate_counts[token] > 0 && ref_counts[token] > 0) {
        ++hits;
        --candidate_counts[token];
        --ref_counts[token];
      }
    }
  }
  const double recall = static_cast<double>(hits) / static_cast<double>(m);
  const double precision = static_cast<double>(hits) / static_cast<double>(n);
  return {precision, recall, fmeasure(precision, recall)};
}

RougeScore rouge_score(RougeType type, std::string_view target, std::string_view prediction,
                       const RougeOptions& options) {
  TokenIds ids;
  if (type.kind == RougeType::Kind::lcs_summary) {
    const auto tokenize_sentences = [&](std::string_view text) {
      std::vector<std::vector<int>> sentences;
      for (const auto sentence : split_sentences(text)) {
        sentences.push_back(ids.encode(rouge_tokenize(sentence, options)));
      }
      return sentences;
    };
    const auto target_sentences = tokenize_sentences(target);
    const auto prediction_sentences = tokenize_sentences(prediction);
    return summary_level_lcs(target_sentences, prediction_sentences);
  }
  const auto target_tokens = rouge_tokenize(target, options);
  const auto prediction_tokens = rouge_tokenize(prediction, options);
  if (type.kind == RougeType::Kind::ngram) {
    return score_ngrams(target_tokens, prediction_tokens, type.n);
  }
  return score_lcs(ids.encode(target_tokens), ids.encode(prediction_tokens));
}

RougeScore rouge_score_multi(RougeType type, std::span<const std::string> targets,
                             std::string_view prediction, const RougeOptions& options) {
  if (targets.empty()) {
    core::fail_input("ROUGE needs at least one reference");
  }
  RougeScore best = rouge_score(type, targets.front(), prediction, options);
  for (std::size_t i = 1; i < targets.size(); ++i) {
    const RougeScore score = rouge_score(type, targets[i], prediction, options);
    if (score.fmeasure > best.fmeasure) {
      best = score;
    }
  }
  return best;
}

}  // namespace genops::eval::metrics
