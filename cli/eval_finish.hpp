#pragma once
// The end of `genops eval`: every result of the run read back from the store
// (a resumed run included), statistics, the baseline comparison, the gate,
// the run's summary and label in the store, and the reports.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "cli/eval_session.hpp"
#include "eval/store/eval_store.hpp"
#include "eval/reports/jsonl_writer.hpp"
#include "eval/reports/report.hpp"
#include "eval/suite/suite.hpp"

namespace genops::cli {

// The run to compare with: --baseline (a label, else a run id), else the
// gate's; nullopt when the gate's label has no run yet. Throws
// Error(invalid_input) when --baseline or gate.baseline.run names nothing.
std::optional<std::string> find_baseline_run(eval::EvalStore& store, const eval::Suite& suite,
                                             const EvalCommandOptions& options, const std::string& run_id);

// A run once it is recorded: what its end (or its failure) reports.
struct StartedEval {
  std::string run_id;
  std::string started;        // timestamp
  std::string target;         // EvalTarget::description()
  std::string provider_used;  // named in reports for results without a matrix provider ("" = none)
  std::string suite_name;
  std::vector<std::string> providers;  // the matrix
};

// Throws Error(check_failed) when the gate fails, Error(provider) when every
// result failed on its target (nothing was really evaluated; the caller then
// calls fail_eval_session).
void finish_eval_session(Context& ctx, const eval::Suite& suite, const EvalCommandOptions& options,
                         eval::EvalStore& evals, const std::string& run_id, const std::string& started,
                         const std::string& target, const std::optional<std::string>& baseline,
                         const std::string& provider_used,
                         const std::optional<eval::reports::RunInfo::Batch>& batch = std::nullopt);

// The end of a shard of a named run: its own results summarised and shown
// (and written to the -o reports), never gated: `genops evals finish` gates
// the whole run. Marks the shard finished. Throws Error(provider) when every
// result failed on its target.
void finish_shard_session(const eval::Suite& suite, const EvalCommandOptions& options, eval::EvalStore& evals,
                          const StartedEval& run, const std::string& shard);

// The .jsonl reports among `outputs`, created and holding every result `run`
// already recorded (a resumed run's), in store order; later results are
// appended as they are committed. Throws Error(invalid_input).
std::vector<std::unique_ptr<eval::reports::JsonlWriter>> open_jsonl_reports(eval::EvalStore& evals,
                                                                           const StartedEval& run,
                                                                           const std::vector<std::string>& outputs);

// After an error once the run was recorded: marks it `failed` with `reason`
// (in its summary, {"error": ...}) unless it already ended, and writes the -o
// reports (but .jsonl, streamed) from the results recorded. Never throws: a
// failure here is a warning.
void fail_eval_session(Context& ctx, const EvalCommandOptions& options, const StartedEval& run,
                       const std::string& reason) noexcept;

}  // namespace genops::cli
