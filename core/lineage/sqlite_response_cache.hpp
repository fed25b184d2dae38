#pragma once
// The provider response cache kept in the lineage store (table response_cache).
// Its own connection; reads are synchronous, writes are queued and committed
// in batches by one writer thread so a put never blocks an I/O thread.
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "core/lineage/sqlite.hpp"
#include "core/llm/cache.hpp"

namespace genops::core::lineage {

class SqliteResponseCache : public llm::ResponseCache {
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
  void writer_loop();
  void write_batch(std::deque<std::pair<std::string, std::string>>& batch);

  std::mutex m_db_mutex;
  Database m_db;
  std::mutex m_queue_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_drained;
  std::deque<std::pair<std::string, std::string>> m_queue;
  std::size_t m_in_flight = 0;
  bool m_stop = false;
  std::thread m_writer;
};

}  // namespace genops::core::lineage
