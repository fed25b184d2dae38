#pragma once
// The store's RunSink: one writer per process (a one-thread core ThreadPool
// running one task while anything is pending), which commits whatever has
// accumulated in one write transaction, so many step records share a commit
// (docs/reliability.md: one writer per process).
// Texts are redacted and hashed on the calling thread; large texts (requests
// and outputs) go to the content-addressed blobs table. Other writers (an
// eval's results) join its transactions through WriteQueue.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/concurrency/thread_pool.hpp"
#include "core/lineage/write_queue.hpp"
#include "chains/store/run_records.hpp"

namespace genops::chains {

class RunRecorder final : public RunSink, public core::lineage::WriteQueue {
 public:
  // Opens a second connection to the store at `path`, which Store has
  // already created and migrated. Throws Error(storage).
  explicit RunRecorder(const std::filesystem::path& path);
  // Commits what is queued, then stops the writer. Never throws.
  ~RunRecorder() override;
  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;

  void record_chain_version(ChainVersionRecord version) override;
  void begin_run(RunRecord run) override;
  void record_step(StepRecord step) override;
  std::uint64_t end_run(RunEnd end) override;
  void wait_durable(std::uint64_t ticket) override;
  std::uint64_t enqueue_write(std::function<void(core::lineage::Database& db)> write) override;
  // Waits until everything queued so far is committed; throws Error(storage).
  void flush();

  // A queued blob: its hash and redacted text.
  struct Blob {
    std::string hash;
    std::string text;
  };
  struct QueuedStep {
    StepRecord step;
    std::optional<Blob> request, output;
  };
  struct QueuedRun {
    RunRecord run;
    std::optional<Blob> inputs;
  };
  struct QueuedEnd {
    RunEnd end;
    std::optional<Blob> outputs;
  };
  struct QueuedVersion {
    ChainVersionRecord version;
    Blob content;
  };
  struct QueuedWrite {
    std::function<void(core::lineage::Database& db)> write;
  };
  using Item = std::variant<QueuedRun, QueuedStep, QueuedEnd, QueuedVersion, QueuedWrite>;

 private:
  std::uint64_t enqueue(Item item);
  void write_pending();  // the writer task: commits batches until nothing is pending
  void write_batch(std::deque<Item>& batch);

  struct Statements;
  std::unique_ptr<Statements> m_sql;
  std::mutex m_mutex;
  std::condition_variable m_committed;  // waiters: progress or failure
  std::condition_variable m_space;      // producers: the pending queue shrank
  std::deque<Item> m_pending;           // queued, not yet taken by the writer
  bool m_writing = false;               // a writer task is queued or running
  std::uint64_t m_enqueued = 0;
  std::uint64_t m_done = 0;
  std::optional<std::string> m_error;
  // Last: its worker uses the state above. At most one task is queued or
  // running (m_writing); the pending queue's bound is the back-pressure.
  core::concurrency::ThreadPool m_writer;
};

}  // namespace genops::chains
