#pragma once
// The end of an eval run, read back from the store: its summary computed while
// the results stream past (flat memory: docs/stats.md), the comparison with a
// baseline run, and the results themselves only for reports that list them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eval/gate/compare.hpp"
#include "eval/result.hpp"
#include "eval/session/result_store.hpp"
#include "eval/stats/summary.hpp"

namespace genops::eval::session {

struct ConcludeOptions {
  std::string provider_used;                // results without a matrix provider are named this ("" = keep "")
  bool keep_results = false;                // every result with its texts (JSON, JUnit, HTML, CSV, Markdown reports)
  std::optional<std::string> baseline_run;  // compare with this run
};

struct Conclusion {
  stats::Summary summary;                   // every case kept with keep_results, else the first failing ones
  std::optional<gate::Comparison> comparison;
  std::vector<CaseResult> results;          // keep_results only, in store order
  std::string first_error;                  // the first result's target error ("" when it had none)
  bool all_failed = false;                  // at least one result and every one failed on its target
};

// Reads run `run_id` (and the baseline's) from `store` once. Without a baseline
// or keep_results, nothing grows with the number of results. Throws Error(storage).
Conclusion conclude(ResultStore& store, const std::string& run_id, const ConcludeOptions& options);

// Throws Error(provider) naming the first error when every result failed on its
// target (nothing was really evaluated).
void throw_if_all_failed(const Conclusion& conclusion);

}  // namespace genops::eval::session
