#pragma once
// The state one top-level run shares across its steps, sub-chains and
// callbacks: ids, the budget, the stop reason, the sink and the executor
// (internal to chains/).
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "chains/run/budget.hpp"
#include "chains/run/executor.hpp"
#include "chains/runner.hpp"

namespace genops::chains::run {

// How one step execution ended.
struct StepOutcome {
  enum class State { ok, skipped, failed };
  State state = State::ok;
  nlohmann::json output;
  core::ErrorKind kind = core::ErrorKind::internal;
  std::string error;
  bool located = false;  // the error already names its step

  static StepOutcome success(nlohmann::json output);
  static StepOutcome skip();
  static StepOutcome failure(core::ErrorKind kind, std::string error);
  bool failed() const { return state == State::failed; }
};

using StepDone = std::function<void(StepOutcome)>;

// Where a step execution sits in the run's tree of records.
struct Place {
  std::optional<std::int64_t> parent_seq;
  std::optional<std::int64_t> item_index;
  int chain_depth = 0;
};

class RunContext {
 public:
  RunContext(std::string id, std::shared_ptr<const ChainSet> chains, const Services& services,
             std::shared_ptr<Executor> executor, const Limits& limits);

  const std::string& id() const { return m_id; }
  const Services& services() const { return m_services; }
  Budget& budget() { return m_budget; }
  const ChainSet& chains() const { return *m_chains; }

  // The next step record number (1, 2, 3…).
  std::int64_t next_seq() { return m_next_seq.fetch_add(1); }
  // Hands a finished step's record to the sink (run_id filled in).
  void record(chains::StepRecord record);
  // Stops the run: no further step or model call starts. The first reason wins.
  void stop(RunStatus status, std::string message);
  // Why the run stopped, if it did.
  std::optional<std::pair<RunStatus, std::string>> stop_reason() const;
  // A failure outcome carrying the stop reason.
  StepOutcome stopped_outcome() const;
  // Runs `task` on a worker; the task is dropped if the executor stopped.
  void post(std::function<void()> task);
  // Passes a warning to Services::warn, if set.
  void warn(const std::string& message) const;
  // True exactly once: the caller finishes the run.
  bool claim_finish() { return !m_finished.exchange(true); }
  bool finished() const { return m_finished.load(); }

  // Ends the run at once (timeout, interrupt); null once the run is over.
  std::weak_ptr<StepDone> finisher;
  const Step* stream_step = nullptr;  // the step whose tokens go to `stream`
  core::llm::TokenSink stream;
  int max_chain_depth = 8;

 private:
  std::string m_id;
  std::shared_ptr<const ChainSet> m_chains;
  const Services& m_services;
  std::shared_ptr<Executor> m_executor;
  Budget m_budget;
  std::atomic<std::int64_t> m_next_seq{1};
  std::atomic<bool> m_finished{false};
  mutable std::mutex m_mutex;
  std::optional<std::pair<RunStatus, std::string>> m_stop;
};

// Runs `step` in `scope` at `place`: evaluates `when`, charges the budget,
// executes the kind, records the step, then calls `done` once on a worker.
void execute_step(const std::shared_ptr<RunContext>& run, const Step& step, std::shared_ptr<const Scope> scope,
                  Place place, StepDone done);

// Runs `chain`'s steps over `frame` as a graph (each starts once what it
// reads is done) and calls `done` once with the outputs object or the first
// failure.
void run_chain(const std::shared_ptr<RunContext>& run, const Chain& chain, std::shared_ptr<Frame> frame, Place place,
               StepDone done);

// Checks given values against `chain`'s inputs: converts strings to declared
// types, applies defaults. Throws Error(invalid_input) for an undeclared,
// missing or mistyped input.
nlohmann::json bind_inputs(const Chain& chain, const nlohmann::json& given);

}  // namespace genops::chains::run
