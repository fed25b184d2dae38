#pragma once
// Runs the model calls of batch-enabled providers as provider batches. A call
// whose request (by content hash) already has a stored batch result is
// answered from it; any other call is parked. When no new call has arrived for
// `quiet` (every case in flight waits on a parked call), the parked requests
// of each provider are submitted as batches (split by count and bytes) and
// recorded in the store; the jobs are polled with backoff, their results
// stored once by hash, and the parked calls answered; their continuations'
// next calls park again and become the next wave. Requests that failed or
// expired are submitted again, up to `max_attempts` in all, then fail.
// State lives on the coordinator's own timer thread; submit() may be called
// from any thread.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/concurrency/timer_queue.hpp"
#include "providers/batch/batch_store.hpp"
#include "core/llm/model_client.hpp"
#include "providers/batch/batch_api.hpp"
#include "providers/common/wire_format.hpp"
#include "providers/pricing/price_table.hpp"

namespace genops::providers::batch {

// One provider's batch side.
struct LaneSpec {
  std::string provider;  // the genops.yaml name
  std::string kind;      // openai, anthropic
  std::shared_ptr<const common::WireFormat> wire;
  std::shared_ptr<const BatchApi> api;
  pricing::PriceTable prices;
  pricing::BuiltinPrices builtin = pricing::BuiltinPrices::ignore;
};

struct CoordinatorOptions {
  std::chrono::milliseconds poll_first{5'000};  // the first poll after a submission; doubles up to poll_max
  std::chrono::milliseconds poll_max{60'000};
  std::chrono::milliseconds quiet{300};         // no new call for this long: submit what is parked
  std::size_t max_requests = 50'000;            // per batch (both APIs allow at least this many)
  std::size_t max_bytes = 100u * 1024 * 1024;   // per batch input (Anthropic: 256 MB, OpenAI: 200 MB)
  int max_attempts = 3;                         // batches a request may be in before it fails
  int max_download_failures = 3;                // consecutive failed polls or downloads of a job: fatal
  bool no_wait = false;                         // detach once everything parked is submitted
  std::string eval_run_id;                      // recorded with each job
  // Progress and problems, one line each, from the coordinator's thread.
  std::function<void(const std::string&)> on_note;
};

struct BatchSummary {
  std::int64_t jobs = 0;          // batches submitted by this process
  std::int64_t submitted = 0;     // requests in them
  std::int64_t answered = 0;      // calls answered from batch results
  std::int64_t failed = 0;        // calls failed after max_attempts
  double cost_usd = 0;            // at batch prices
  double saved_usd = 0;           // what the same calls cost live, less cost_usd
};

class BatchCoordinator {
 public:
  // `store` must outlive the coordinator.
  BatchCoordinator(providers::batch::BatchStore& store, CoordinatorOptions options);
  ~BatchCoordinator();
  BatchCoordinator(const BatchCoordinator&) = delete;
  BatchCoordinator& operator=(const BatchCoordinator&) = delete;

  // Adds a provider (from any thread, before or after start()); its open jobs
  // in the store are polled at once.
  void add_lane(LaneSpec spec);
  // Before start(): the eval run recorded with each job.
  void set_eval_run(std::string id) { m_options.eval_run_id = std::move(id); }
  // Starts the coordinator's thread.
  void start();
  // A call of `provider` (whose model is resolved) with content hash `hash`;
  // `done` runs once, on the coordinator's thread (unless stop() comes first).
  void submit(const std::string& provider, core::llm::Request request, std::string hash, core::llm::Completion done);
  // --no-wait: true once every parked call waits on a submitted batch.
  bool detached() const { return m_detached.load(); }
  // A problem that ends the run (a batch that cannot be submitted, results
  // that cannot be downloaded); the batches stay recorded for --resume.
  std::optional<std::string> fatal() const;
  // Stops the thread (idempotent). Calls still parked get a Failure (their
  // runs are over), or with `drop` are dropped unanswered (their callers may be gone).
  enum class Parked { fail, drop };
  void stop(Parked parked_calls = Parked::fail);
  BatchSummary summary() const;

 private:
  struct ParkedCall;
  struct OpenJob;
  struct Lane;
  void tick();
  void tick_once();
  void handle_call(Lane& lane, core::llm::Request request, const std::string& hash, core::llm::Completion done);
  void decide(Lane& lane, const std::string& hash);
  void answer(Lane& lane, const std::string& hash, const std::string& response_json);
  void fail_waiters(Lane& lane, const std::string& hash, const std::string& message);
  void flush(Lane& lane);
  void poll(Lane& lane, OpenJob& job);
  void finish(Lane& lane, OpenJob& job, const BatchState& state);
  void recheck_parked(Lane& lane);
  void set_fatal(const std::string& message);
  void note(const std::string& line) const;

  providers::batch::BatchStore& m_store;
  CoordinatorOptions m_options;
  std::map<std::string, std::unique_ptr<Lane>> m_lanes;
  struct Incoming;
  mutable std::mutex m_mutex;  // guards m_incoming, m_fatal, m_summary, m_stopped
  std::vector<Incoming> m_incoming;
  std::vector<std::unique_ptr<Lane>> m_new_lanes;
  std::optional<std::string> m_fatal;
  BatchSummary m_summary;
  bool m_stopped = false;
  std::atomic<bool> m_detached{false};
  std::chrono::steady_clock::time_point m_last_activity;
  std::unique_ptr<core::concurrency::TimerQueue> m_timer;  // last: its thread uses the state above
};

}  // namespace genops::providers::batch
