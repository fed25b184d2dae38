#pragma once
// Reads a RowSource's raw rows (RowSource::next_raw) on a second thread, in
// batches, so that reading (lines, CSV, the store) overlaps with parsing and
// measuring them on the workers (eval/skew/current.cpp).
// Memory stays bounded: at most k_pipeline_depth batches are read ahead. The
// reader is a one-thread core ThreadPool; each batch is one task whose rows,
// or whose exception, come back through a std::future.
#include <cstddef>
#include <deque>
#include <exception>
#include <future>
#include <optional>
#include <vector>

#include "core/concurrency/thread_pool.hpp"
#include "eval/skew/sources.hpp"

namespace genops::eval::skew {

inline constexpr std::size_t k_pipeline_batch = 2048;
inline constexpr std::size_t k_pipeline_depth = 4;

class RowPipeline {
 public:
  // Starts reading `source` (which must outlive the pipeline) ahead.
  explicit RowPipeline(RowSource& source) : m_source(source) {
    for (std::size_t i = 0; i < k_pipeline_depth; ++i) read_ahead();
  }
  // Drops the batches not yet read; waits for the one being read.
  ~RowPipeline() { m_reader.shut_down(core::concurrency::ThreadPool::Shutdown::drop); }
  RowPipeline(const RowPipeline&) = delete;
  RowPipeline& operator=(const RowPipeline&) = delete;

  // The next batch (never empty), or nullopt at the end. Rethrows what the
  // source threw, on the caller's thread.
  std::optional<std::vector<RawRow>> next() {
    if (m_error) std::rethrow_exception(m_error);
    if (m_ahead.empty()) return std::nullopt;
    auto ahead = std::move(m_ahead.front());
    m_ahead.pop_front();
    std::vector<RawRow> batch;
    try {
      batch = ahead.get();
    } catch (...) {
      m_error = std::current_exception();  // and again on every later call
      m_ahead.clear();
      throw;
    }
    if (batch.size() < k_pipeline_batch) {  // the last one: the rest read nothing
      m_ahead.clear();
      if (batch.empty()) return std::nullopt;
      return batch;
    }
    read_ahead();
    return batch;
  }

 private:
  // Queues the read of one more batch. Tasks run one at a time, in order, on
  // the reader thread; once the source ended or threw, they read nothing.
  void read_ahead() {
    m_ahead.push_back(m_reader.submit([this] {
      std::vector<RawRow> batch;
      if (m_ended) return batch;
      m_ended = true;  // until this batch is full: an exception ends the source too
      batch.reserve(k_pipeline_batch);
      while (batch.size() < k_pipeline_batch) {
        auto row = m_source.next_raw();
        if (!row) return batch;
        batch.push_back(std::move(*row));
      }
      m_ended = false;
      return batch;
    }));
  }

  RowSource& m_source;
  bool m_ended = false;  // only the reader thread touches it
  std::exception_ptr m_error;
  std::deque<std::future<std::vector<RawRow>>> m_ahead;
  core::concurrency::ThreadPool m_reader{1};  // last: its task uses the state above
};

}  // namespace genops::eval::skew
