#pragma once
// `genops score` without the command line: scores a ScoreInput with the chosen
// metric, as a corpus or per segment, and renders each result as JSON and as a
// sacreBLEU-style text line.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/metrics/score_input.hpp"
#include "eval/metrics/score_settings.hpp"

namespace genops::eval::metrics {

struct ScoreResult {
  // {"metric", "score", ...metric fields..., "signature"}; per segment also "line".
  nlohmann::json json;
  // Corpus: "BLEU|nrefs:1|...|version:genops-0.1 = 48.53 82.4/50.0/... (BP = ...)".
  // Per segment: the numbers only, tab-separated (score; ROUGE: precision,
  // recall, fmeasure; levenshtein and indel-ratio: distance, similarity).
  std::string text;
};

// One result for the corpus, or one per segment. Corpus BLEU and chrF sum
// sufficient statistics (sacreBLEU); ROUGE, Levenshtein and Indel average the
// per-segment scores. Throws core::Error (invalid_input) when a segment has no
// reference.
std::vector<ScoreResult> score_segments(const ScoreSettings& settings, ScoreMode mode, const ScoreInput& input);

// The metric conventions, for `genops score --help` and docs/metrics.md.
std::string_view score_conventions();

}  // namespace genops::eval::metrics
