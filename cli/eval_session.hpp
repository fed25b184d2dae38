#pragma once
// `genops eval` without the command line: load the suite, run it into the
// store (resumable), summarise, compare with a baseline, gate, and report.
#include <optional>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace genops::cli {

struct EvalCommandOptions {
  std::string file;
  int jobs = 0;                 // 0: defaults.concurrency
  int repeat = 0;               // 0: the suite's
  std::string filter;           // an RE2 regex
  std::optional<std::int64_t> limit;
  std::string shard;            // "i/n", 1-based; with run_name only
  std::string run_name;         // a shard of this named run (--run-name); "" = an ordinary run
  bool no_cache = false;
  std::string resume;           // an eval run id, prefix or "last"
  std::string label;
  std::string baseline;         // a label or a run id
  std::vector<std::string> outputs;
  bool json = false;            // the JSON report on stdout instead of the table
  bool dry_run = false;         // load and check everything, count, record and call nothing
  bool batch = false;           // --batch: providers with a batch API run as provider batches (docs/batch.md)
  bool no_wait = false;         // --no-wait: submit the batches, print the resume command, exit 0
};

// Runs the eval. Throws Error(check_failed) when the gate fails, (interrupted)
// on Ctrl-C after saving, (provider) when every case failed on its provider.
void run_eval_session(Context& ctx, const EvalCommandOptions& options);

}  // namespace genops::cli
