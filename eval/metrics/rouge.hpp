#pragma once
// ROUGE-N, ROUGE-L and ROUGE-Lsum exactly as Google's rouge-score package
// (rouge_scorer.RougeScorer) computes them, with its default tokenizer.
// Precision, recall and F1 are 0-1.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"

namespace genops::eval::metrics {

// rouge1 .. rouge9 (n-gram overlap), rougeL (sentence LCS), rougeLsum
// (summary-level union LCS over newline-separated sentences).
struct RougeType {
  enum class Kind { ngram, lcs, lcs_summary } kind = Kind::ngram;
  int n = 1;  // for Kind::ngram

  friend bool operator==(const RougeType&, const RougeType&) = default;
};

// Reads "rouge1".."rouge9", "rougeL", "rougeLsum" (rouge-score's spellings).
core::Expected<RougeType> parse_rouge_type(std::string_view name);
std::string rouge_type_name(RougeType type);

struct RougeOptions {
  bool use_stemmer = false;  // Porter stemmer (NLTK's) on tokens longer than 3 characters
};

// rouge-score's Score tuple.
struct RougeScore {
  double precision = 0.0;
  double recall = 0.0;
  double fmeasure = 0.0;
};

// rouge-score's DefaultTokenizer: Python lower-case, every run of characters
// outside [a-z0-9] is a separator, optional stemming.
std::vector<std::string> rouge_tokenize(std::string_view text, const RougeOptions& options);

// RougeScorer.score(target, prediction) for one type. Note the argument order:
// the reference (target) comes first, as in rouge-score.
RougeScore rouge_score(RougeType type, std::string_view target, std::string_view prediction,
                       const RougeOptions& options);

// RougeScorer.score_multi: the score against the target with the highest
// fmeasure (the first on a tie). Throws core::Error (invalid_input) without targets.
RougeScore rouge_score_multi(RougeType type, std::span<const std::string> targets,
                             std::string_view prediction, const RougeOptions& options);

// rouge-score's internals, exposed for their own unit tests: the LCS table
// walk (indices into `ref` of one longest common subsequence) and the
// summary-level LCS score over tokenized sentences.
std::vector<std::size_t> lcs_indices(std::span<const int> ref, std::span<const int> candidate);
RougeScore summary_level_lcs(std::span<const std::vector<int>> ref_sentences,
                             std::span<const std::vector<int>> candidate_sentences);

}  // namespace genops::eval::metrics
