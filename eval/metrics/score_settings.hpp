#pragma once
// What `genops score METRIC --param k=v...` asks for: the metric and its options,
// with parameters under the reference projects' own names (sacreBLEU's
// tokenize, smooth_method, ...; rouge-score's use_stemmer; rapidfuzz's
// processor), plus `unit` (codepoint or word) for the edit distances.
#include <span>
#include <string>
#include <string_view>

#include "eval/metrics/bleu.hpp"
#include "eval/metrics/chrf.hpp"
#include "eval/metrics/levenshtein.hpp"
#include "eval/metrics/rouge.hpp"

namespace genops::eval::metrics {

enum class ScoreMetric { bleu, chrf, rouge, levenshtein, indel_ratio };

// Corpus score, or one score per segment (sacreBLEU's --sentence-level).
enum class ScoreMode { corpus, per_line };

struct ScoreSettings {
  ScoreMetric metric = ScoreMetric::bleu;
  std::string name;  // canonical: bleu, chrf, chrf++, rouge1..rouge9, rougeL, rougeLsum, levenshtein, indel-ratio
  BleuOptions bleu;
  ChrfOptions chrf;
  RougeType rouge_type;
  RougeOptions rouge;
  EditOptions edit;  // levenshtein, indel-ratio: rapidfuzz's processor, and the unit
};

// The metric names `genops score` lists (rouge3..rouge9 are accepted too).
std::span<const std::string> score_metric_names();

// The parameter names `metric` takes, in display order.
std::span<const std::string> score_parameter_names(ScoreMetric metric);

// Reads the metric (case-insensitive) and its k=v parameters. Per-line BLEU
// defaults to effective_order=true, as sacreBLEU's sentence-level mode.
// Throws core::Error (usage) naming the argument: an unknown metric or
// parameter (with a did-you-mean), a parameter of another metric, a malformed
// or repeated k=v, or a bad value.
ScoreSettings parse_score_settings(std::string_view metric, std::span<const std::string> params, ScoreMode mode);

}  // namespace genops::eval::metrics
