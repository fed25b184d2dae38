#include "providers/cache/sqlite_response_cache.hpp"

#include "core/error.hpp"
#include "core/redact.hpp"
#include "core/time.hpp"

namespace genops::providers::cache {

using core::lineage::Database;
using core::lineage::Transaction;

SqliteResponseCache::SqliteResponseCache(const std::filesystem::path& path)
    : m_db(path.string(), Database::Create::no), m_writer(1) {}

SqliteResponseCache::~SqliteResponseCache() { m_writer.shut_down(); }  // drains: queued writes are committed

std::optional<std::string> SqliteResponseCache::get(const std::string& key) {
  try {
    std::lock_guard lock(m_db_mutex);
    auto stmt = m_db.prepare("SELECT response FROM response_cache WHERE key = ?1");
    stmt.bind(1, std::string_view(key));
    if (!stmt.step()) return std::nullopt;
    auto value = stmt.text(0);
    auto hit = m_db.prepare("UPDATE response_cache SET hits = hits + 1 WHERE key = ?1");
    hit.bind(1, std::string_view(key)).run();
    return value;
  } catch (const core::Error&) {
    return std::nullopt;  // a cache that cannot be read is a miss
  }
}

void SqliteResponseCache::put(const std::string& key, const std::string& value) {
  {
    std::lock_guard lock(m_queue_mutex);
    // A reply can echo a key (some servers do): redact before it reaches the disk.
    m_queue.emplace_back(key, core::redact(value));
  }
  m_writer.enqueue([this] { write_pending(); });  // unbounded: never waits
}

void SqliteResponseCache::flush() {
  std::unique_lock lock(m_queue_mutex);
  m_drained.wait(lock, [this] { return m_queue.empty() && m_in_flight == 0; });
}

void SqliteResponseCache::write_batch(std::deque<std::pair<std::string, std::string>>& batch) {
  try {
    std::lock_guard lock(m_db_mutex);
    Transaction tx(m_db);
    auto stmt = m_db.prepare(
        "INSERT INTO response_cache(key, response, created_at) VALUES(?1, ?2, ?3) "
        "ON CONFLICT(key) DO UPDATE SET response = excluded.response, created_at = excluded.created_at");
    auto now = core::now_timestamp();
    for (const auto& [key, value] : batch) {
      stmt.bind(1, std::string_view(key)).bind(2, std::string_view(value)).bind(3, std::string_view(now));
      stmt.run();
      stmt.reset();
    }
    tx.commit();
  } catch (const core::Error&) {
    // The cache is an optimisation: a failed write loses only future hits.
  }
}

void SqliteResponseCache::write_pending() {
  std::unique_lock lock(m_queue_mutex);
  if (m_queue.empty()) return;
  std::deque<std::pair<std::string, std::string>> batch;
  batch.swap(m_queue);
  m_in_flight = batch.size();
  lock.unlock();
  try {
    write_batch(batch);
  } catch (...) {
    // Never leaves m_in_flight set: flush() would wait for ever.
  }
  lock.lock();
  m_in_flight = 0;
  lock.unlock();
  m_drained.notify_all();
}

}  // namespace genops::providers::cache
