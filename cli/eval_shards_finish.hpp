#pragma once
// `genops evals finish NAME`: once every shard of the named run is in the
// store, records the whole run and gives it what `genops eval` gives one run:
// the summary, the baseline comparison, the gate (skew included) and the
// reports, computed once over every shard's results.
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace genops::cli {

struct EvalsFinishOptions {
  std::string name;                  // the run name the shards were given (--run-name)
  std::string eval_file;             // --eval: the eval file (default: the path the shards recorded)
  std::vector<std::string> outputs;  // -o reports
  std::string baseline;              // a label or a run id
  std::string label;
  bool json = false;
};

// Exits like `genops eval`: Error(check_failed) when the gate fails. Throws
// Error(invalid_input) (exit 3) naming the missing, running, abandoned,
// interrupted or failed shards when the run is not complete, or when no shard
// of that name is in the store; Error(usage) when the name holds shards of
// several evals and --eval does not pick one.
void finish_sharded_run(Context& ctx, const EvalsFinishOptions& options);

}  // namespace genops::cli
