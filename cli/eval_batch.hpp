#pragma once
// `genops eval --batch` (docs/batch.md): the session's batch side. Built
// before the eval's clients, it makes the Context wrap the clients of the
// providers that run as batches (--batch or the eval's `batch:`) in batching
// clients over one BatchCoordinator; the eval then runs as usual, its calls
// answered from batch results wave by wave.
#include <memory>
#include <set>
#include <string>

#include "cli/context.hpp"
#include "cli/eval_session.hpp"
#include "providers/batch/batch_store.hpp"
#include "eval/store/eval_store.hpp"
#include "eval/reports/report.hpp"
#include "eval/run/runner.hpp"
#include "eval/suite/suite.hpp"
#include "providers/batch/coordinator.hpp"

namespace genops::cli {

class BatchSession {
 public:
  // Null when neither --batch nor the eval's `batch:` asks for batches.
  // --no-wait without either is a usage error.
  static std::unique_ptr<BatchSession> open(Context& ctx, const eval::Suite& suite, const EvalCommandOptions& o);
  ~BatchSession();
  BatchSession(const BatchSession&) = delete;
  BatchSession& operator=(const BatchSession&) = delete;

  // Before run_eval: every case in flight at once (a wave is as big as the
  // eval), and the coordinator started. Throws Error(usage) when --batch
  // found no provider with a batch API among those the eval calls.
  void begin(const std::string& run_id, eval::EvalOptions& options);
  // True once the run should stop dispatching: --no-wait's batches are
  // submitted, or a batch problem ended the run.
  bool stopping() const;
  // After run_eval: stops the coordinator. A batch problem marks the run
  // interrupted and throws Error(provider) with the resume command; after
  // --no-wait it prints the resume command and returns true (the session
  // ends with exit 0); otherwise false, and finish() adds the batch note.
  bool end(eval::EvalStore& evals, const std::string& run_id, bool json);
  // Stops the coordinator, dropping calls still parked: for a session that
  // ends by an exception, before the target (whose runs they would call) goes.
  void abandon() { m_coordinator->stop(providers::batch::BatchCoordinator::Parked::drop); }
  // Prints a note with what ran as a batch and what it saved, and returns it for the reports.
  eval::reports::RunInfo::Batch finish() const;

 private:
  BatchSession(Context& ctx, const eval::Suite& suite, const EvalCommandOptions& o);
  std::unique_ptr<core::llm::ModelClient> wrap(const core::config::ProviderConfig& config,
                                               std::unique_ptr<core::llm::ModelClient> client);

  Context& m_ctx;
  std::string m_file;
  bool m_all = false;
  std::set<std::string> m_names;
  bool m_no_wait = false;
  std::set<std::string> m_lanes;  // providers running as batches
  std::unique_ptr<providers::batch::BatchStore> m_store;
  std::unique_ptr<providers::batch::BatchCoordinator> m_coordinator;
};

}  // namespace genops::cli
