#pragma once
// The gate of an eval (DESIGN §1 `gate:`): checks a run's summary, its
// comparison with a baseline and a skew verdict against the suite's limits.
#include <optional>
#include <string>
#include <vector>

#include "eval/gate/compare.hpp"
#include "eval/stats/summary.hpp"
#include "eval/suite/suite.hpp"

namespace genops::eval::gate {

// One check: "pass_rate", "metrics.rougeL.mean_min", "baseline", "skew".
struct GateCheck {
  std::string name;
  bool pass = true;
  bool skipped = false;   // could not be evaluated (no baseline run yet); counts as a pass
  double actual = 0;      // pass_rate / metric mean / pass-rate drop; 0 for skew
  double limit = 0;       // the configured bound
  std::string message;    // one line saying by how much, e.g. "pass rate 0.912 is 0.038 below 0.950"
};

struct GateVerdict {
  bool pass = true;               // every check passed (true when no check is configured)
  std::vector<GateCheck> checks;  // in the order pass_rate, metrics (by name), baseline, skew
  bool gated = true;              // false for one shard of a run: shown "NOT GATED", never "PASSED"
};

// The skew verdict the caller computed (`gate.skew`); check_gate only reports it.
struct SkewCheck {
  bool pass = true;
  std::string message;
  bool skipped = false;   // nothing to compare (no current inputs in the window): a pass, with a note
};

// Checks `gate` against `summary`. The baseline check needs `comparison`
// (nullptr = no baseline run found: skipped) and fails only when the pass-rate
// drop exceeds max_drop AND the McNemar p-value is below alpha. A metric bound
// on a metric no result scored fails. The skew check is added when `gate.skew`
// is set or `skew` is given (nullptr with gate.skew set: skipped).
GateVerdict check_gate(const Gate& gate, const stats::Summary& summary, const Comparison* comparison,
                       const SkewCheck* skew = nullptr);

}  // namespace genops::eval::gate
