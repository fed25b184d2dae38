#pragma once
// The summary an eval run keeps in the store (eval_runs.summary), written by
// `genops eval` and `genops evals finish`, read back by `genops evals list |
// show` and `genops prompt diff --scores`: one home for its keys.
#include <string>

#include <nlohmann/json.hpp>

#include "eval/gate/gate.hpp"
#include "eval/stats/summary.hpp"

namespace genops::eval::session {

// {"results", "passes", "errors", "pass_rate", "cases", "metrics": {name: {"mean", "count"}},
//  "cost_usd", "input_tokens", "output_tokens", "latency_p50_ms", "latency_p95_ms"}; the caller
// adds "baseline" and "gate_failures" for a gated run, "shard" ("2/4") for a shard.
nlohmann::json stored_summary(const stats::Summary& summary);

// The failed checks' messages (else names), joined by "; "; "" when the gate passed.
std::string gate_failures(const gate::GateVerdict& verdict);

// What a stored summary says of the gate and baseline ("" when absent or not JSON).
struct StoredVerdict {
  std::string baseline;
  std::string gate_failures;
};
StoredVerdict read_stored_verdict(const std::string& summary_json);

}  // namespace genops::eval::session
