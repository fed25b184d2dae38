#pragma once
// `genops prompt diff A B --scores`: eval runs joined by prompt version. For
// each eval that ran with either version, its latest finished run per side
// and the change in pass rate, metric means, cost and latency.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/store/eval_store.hpp"
#include "eval/session/run_summary.hpp"

namespace genops::cli {

struct VersionRef {
  std::string name;
  std::int64_t number = 0;
  std::string text() const { return name + "@" + std::to_string(number); }
};

// One side of a row: the latest finished run of the eval with that version.
struct ScoreSide {
  std::string run;
  std::string started_at;
  eval::session::RunSummary summary;
};

// One eval that ran with either version.
struct ScoreRow {
  std::string eval;
  std::optional<ScoreSide> a;
  std::optional<ScoreSide> b;
};

// The rows, by eval name.
std::vector<ScoreRow> score_rows(eval::EvalStore& store, const VersionRef& a, const VersionRef& b);

// [{eval, a: {run, started_at, summary} | null, b: ..., deltas: {pass_rate, cost_usd, latency_p50_ms,
// latency_p95_ms, metrics: {name: delta}} | null}]: b - a where both sides ran.
nlohmann::json score_deltas_json(const std::vector<ScoreRow>& rows);

// The table form on stdout; a note when no eval used either version.
void print_score_deltas(const std::vector<ScoreRow>& rows, const VersionRef& a, const VersionRef& b);

}  // namespace genops::cli
