#pragma once
// The SQLite RunSink: one writer per process (a one-thread core ThreadPool
// with a bounded queue), which commits whatever has accumulated in one BEGIN
// IMMEDIATE transaction, so many step records share a commit
// (docs/reliability.md: one writer per process).
// Texts are redacted and hashed on the calling thread; large texts (requests
// and outputs) go to the content-addressed blobs table.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/concurrency/thread_pool.hpp"
#include "chains/store/run_records.hpp"

namespace genops::chains {

class RunRecorder final : public RunSink {
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
  using Item = std::variant<QueuedRun, QueuedStep, QueuedEnd, QueuedVersion>;

 private:
  std::uint64_t enqueue(Item item);
  void write_pending();  // a writer task: commits what is pending, up to one batch
  void write_batch(std::vector<Item>& batch);

  struct Statements;
  std::unique_ptr<Statements> m_sql;
  std::mutex m_mutex;
  std::condition_variable m_committed;  // waiters: progress or failure
  std::deque<Item> m_pending;           // queued, not yet taken by the writer
  std::uint64_t m_enqueued = 0;
  std::uint64_t m_done = 0;
  std::optional<std::string> m_error;
  // Last: its worker uses the state above. One task per item, so the bounded
  // queue is the back-pressure; a task finding nothing pending is a no-op.
  core::concurrency::ThreadPool m_writer;
};

// A fresh run id: 16 random hex digits.
std::string new_run_id();

}  // namespace genops::chains
