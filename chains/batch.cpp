#include "chains/batch.hpp"

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>

namespace genops::chains {

namespace {

class Batch {
 public:
  Batch(Runner& runner, chains::RunSink* sink, const RowSource& rows, const BatchOptions& options)
      : m_runner(runner), m_sink(sink), m_rows(rows), m_options(options),
        m_window(static_cast<std::size_t>(std::max(1, options.concurrency)) * 4) {}

  BatchSummary run(const std::function<void(std::size_t, const RunResult&)>& on_result) {
    std::unique_lock lock(m_mutex);
    while (true) {
      if (!m_summary.interrupted && m_options.interrupted && m_options.interrupted()) {
        m_summary.interrupted = true;
        m_interrupted_at = std::chrono::steady_clock::now();
      }
      // Rows in flight get the grace period to finish (and be reported).
      if (m_summary.interrupted && !m_abandoned && m_in_flight > 0 &&
          std::chrono::steady_clock::now() - m_interrupted_at >= m_options.grace)
        abandon(lock);
      if (!m_summary.interrupted) start_rows(lock);
      auto ready = m_done.find(m_next_report);
      if (ready != m_done.end()) {
        auto result = std::move(ready->second);
        m_done.erase(ready);
        ++m_next_report;
        lock.unlock();
        report(result, on_result);
        lock.lock();
        continue;
      }
      if (m_in_flight == 0 && (m_source_done || m_summary.interrupted) && m_done.empty()) break;
      if (m_in_flight == 0 && m_summary.interrupted) {
        // Rows after a gap left by an interrupted row are reported too.
        ++m_next_report;
        continue;
      }
      m_cv.wait_for(lock, std::chrono::milliseconds(50));
    }
    return m_summary;
  }

 private:
  void start_rows(std::unique_lock<std::mutex>& lock) {
    while (!m_source_done && m_in_flight < static_cast<std::size_t>(std::max(1, m_options.concurrency)) &&
           m_started - m_next_report < m_window) {
      lock.unlock();
      auto row = m_rows();
      lock.lock();
      if (!row) {
        m_source_done = true;
        return;
      }
      std::size_t index = m_started++;
      if (auto* error = std::get_if<RowError>(&*row)) {
        RunResult r;
        r.status = RunStatus::failed;
        r.error = error->message;
        r.error_kind = core::ErrorKind::invalid_input;
        m_done.emplace(index, std::move(r));
        continue;
      }
      ++m_in_flight;
      RunRequest request;
      request.inputs = std::get<nlohmann::json>(std::move(*row));
      request.batch_id = m_options.batch_id;
      if (m_options.record_rows) request.row_index = static_cast<std::int64_t>(index);
      request.stream = m_options.stream;
      lock.unlock();
      m_runner.start(std::move(request), [this, index](RunResult result) { finished(index, std::move(result)); });
      lock.lock();
    }
  }

  void finished(std::size_t index, RunResult result) {
    {
      std::lock_guard lock(m_mutex);
      --m_in_flight;
      if (result.status != RunStatus::interrupted) m_done.emplace(index, std::move(result));
    }
    m_cv.notify_all();
  }

  void abandon(std::unique_lock<std::mutex>& lock) {
    m_abandoned = true;
    lock.unlock();
    m_runner.interrupt();
    lock.lock();
  }

  void report(const RunResult& result, const std::function<void(std::size_t, const RunResult&)>& on_result) {
    // Commit before reporting: what was printed is on disk.
    if (m_sink && result.ticket) m_sink->wait_durable(result.ticket);
    on_result(m_next_report - 1, result);
    ++m_summary.rows;
    if (result.status == RunStatus::succeeded) ++m_summary.succeeded;
    else if (!m_summary.first_failure) m_summary.first_failure = result;
  }

  Runner& m_runner;
  chains::RunSink* m_sink;
  const RowSource& m_rows;
  const BatchOptions& m_options;
  std::size_t m_window;  // rows started but not yet reported, at most
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::map<std::size_t, RunResult> m_done;
  std::size_t m_started = 0, m_next_report = 0, m_in_flight = 0;
  bool m_source_done = false;
  bool m_abandoned = false;
  std::chrono::steady_clock::time_point m_interrupted_at;
  BatchSummary m_summary;
};

}  // namespace

BatchSummary run_batch(Runner& runner, chains::RunSink* sink, const RowSource& rows, const BatchOptions& options,
                       const std::function<void(std::size_t, const RunResult&)>& on_result) {
  Batch batch(runner, sink, rows, options);
  return batch.run(on_result);
}

}  // namespace genops::chains
