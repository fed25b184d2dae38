#pragma once
// Running a loaded chain: steps as a graph (independent ones in parallel on a
// small worker pool; model calls through ModelClient callbacks, never a
// thread per call), `when` conditions, budgets, and every run and step
// written to a RunSink.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chains/chain.hpp"
#include "core/error.hpp"
#include "chains/store/run_records.hpp"
#include "core/llm/model_client.hpp"
#include "core/retrieval/retriever.hpp"

namespace genops::chains {

namespace run {
class Executor;
class RunContext;
}  // namespace run

// The outside world a run uses. Everything it points to outlives the Runner.
struct Services {
  // The client of a configured provider; throws Error(invalid_input) for an unknown name.
  std::function<core::llm::ModelClient&(const std::string&)> client;
  core::retrieval::Retriever* retriever = nullptr;  // null: retrieve steps fail with "index not found"
  chains::RunSink* sink = nullptr;           // null: nothing is recorded
  // Warnings such as a refused tool call, and internal errors (a step task
  // that threw: a bug, reported rather than dropped); called from worker threads.
  std::function<void(const std::string&)> warn;
  // Variables exec steps never see, whatever `env:` lists: every provider's api_key_env.
  std::vector<std::string> secret_env;
};

enum class RunStatus { succeeded, failed, budget_exceeded, interrupted };
std::string_view to_string(RunStatus status);

struct RunResult {
  std::string run_id;
  RunStatus status = RunStatus::succeeded;
  nlohmann::json outputs;  // the chain's outputs; null unless succeeded
  std::string error;       // what stopped the run, naming the step
  core::ErrorKind error_kind = core::ErrorKind::internal;
  std::int64_t steps = 0, input_tokens = 0, output_tokens = 0;
  double cost_usd = 0;
  std::chrono::milliseconds duration{0};
  std::uint64_t ticket = 0;  // RunSink::wait_durable ticket of the run's end (0: not recorded)
};

// The exit-code class of a run that did not succeed.
core::ErrorKind error_kind_of(const RunResult& result);

struct RunRequest {
  nlohmann::json inputs = nlohmann::json::object();  // strings (from --var) are converted to declared types
  std::string batch_id;                              // recorded with each row of --input-file
  std::optional<std::int64_t> row_index;
  core::llm::TokenSink stream;  // receives the tokens of the chain's last llm step
};

struct RunnerOptions {
  int threads = 2;
  std::string git_commit;  // recorded with each run
  std::string host;
  int max_chain_depth = 8;  // nested `chain` steps
};

class Runner {
 public:
  // Records each chain version of `chains` to the sink.
  Runner(std::shared_ptr<const ChainSet> chains, Services services, RunnerOptions options);
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Starts a run of the root chain; `done` runs exactly once, on a worker
  // thread, after the run's end was handed to the sink. Never throws for a
  // failing run: bad inputs, provider failures and budgets end up in the result.
  void start(RunRequest request, std::function<void(RunResult)> done);
  // start() and wait.
  RunResult run(RunRequest request);
  // Ends every active run as interrupted; steps in flight are abandoned.
  void interrupt();
  // Stops the workers; callbacks that arrive later are dropped. Call before
  // the model clients are destroyed. Idempotent.
  void shutdown();

 private:
  void track(const std::shared_ptr<run::RunContext>& context);
  std::shared_ptr<const ChainSet> m_chains;
  Services m_services;
  RunnerOptions m_options;
  std::shared_ptr<run::Executor> m_executor;
  const Step* m_stream_step = nullptr;
  std::mutex m_mutex;
  std::vector<std::weak_ptr<run::RunContext>> m_active;
};

}  // namespace genops::chains
