#pragma once
// The summary an eval run keeps in the store (eval_runs.summary): written by
// `genops eval` and `genops evals finish`, read by `genops evals list | show`
// and `genops prompt diff --scores`. One struct, one serialisation.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "eval/gate/gate.hpp"
#include "eval/stats/summary.hpp"

namespace genops::eval::session {

struct MetricMean {
  double mean = 0;
  std::int64_t count = 0;
};

struct RunSummary {
  bool counted = false;  // the figures below are known (false: a failed run's {"error"} only)
  std::int64_t results = 0;
  std::int64_t passes = 0;
  std::int64_t errors = 0;
  double pass_rate = 0;
  std::int64_t cases = 0;
  std::map<std::string, MetricMean> metrics;
  double cost_usd = 0;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  double latency_p50_ms = 0;
  double latency_p95_ms = 0;
  std::optional<std::string> baseline;       // a gated run: the baseline run id ("" = none)
  std::optional<std::string> gate_failures;  // a gated run: gate_failures() ("" = passed)
  std::optional<std::string> shard;          // a shard of a named run: "2/4"
  std::optional<std::string> error;          // a failed run: why (redacted)

  // The figures of `summary` (counted).
  static RunSummary of(const stats::Summary& summary);
  // A failed run's: only the error.
  static RunSummary failed(std::string reason);
  // {"results", "passes", "errors", "pass_rate", "cases", "metrics": {name: {"mean", "count"}},
  //  "cost_usd", "input_tokens", "output_tokens", "latency_p50_ms", "latency_p95_ms"} when counted,
  // and "baseline", "gate_failures", "shard", "error" when set.
  nlohmann::json to_json() const;
  // Reads what to_json() wrote; missing or mistyped keys stay at their defaults,
  // text that is not a JSON object gives RunSummary{}. Never throws.
  static RunSummary from_json(std::string_view text);
};

// The failed checks' messages (else names), joined by "; "; "" when the gate passed.
std::string gate_failures(const gate::GateVerdict& verdict);

}  // namespace genops::eval::session
