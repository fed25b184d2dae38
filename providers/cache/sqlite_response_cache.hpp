#pragma once
// The provider response cache kept in the lineage store (table response_cache).
// Its own connection; reads are synchronous, writes are queued and committed
// in batches by one writer (a one-thread core ThreadPool with an unbounded
// queue) so a put never blocks an I/O thread.
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <utility>

#include "core/concurrency/thread_pool.hpp"
#include "core/lineage/sqlite.hpp"
#include "core/llm/cache.hpp"

namespace genops::providers::cache {

class SqliteResponseCache : public core::llm::ResponseCache {
 public:
  // Opens a connection to the (already migrated) store at `path`.
  explicit SqliteResponseCache(const std::filesystem::path& path);
  // Flushes queued writes, then stops the writer.
  ~SqliteResponseCache() override;

  std::optional<std::string> get(const std::string& key) override;
  void put(const std::string& key, const std::string& value) override;
  // Commits everything queued so far.
  void flush();

 private:
  void write_pending();  // a writer task: commits everything queued
  void write_batch(std::deque<std::pair<std::string, std::string>>& batch);

  std::mutex m_db_mutex;
  core::lineage::Database m_db;
  std::mutex m_queue_mutex;
  std::condition_variable m_drained;
  std::deque<std::pair<std::string, std::string>> m_queue;
  std::size_t m_in_flight = 0;
  // Last: its worker uses the state above. One task per put; a task finding
  // the queue empty (an earlier one took its entry) is a no-op.
  core::concurrency::ThreadPool m_writer;
};

}  // namespace genops::providers::cache
