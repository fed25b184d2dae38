#include "core/lineage/store.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/lineage/migrations.hpp"

namespace genops::core::lineage {

namespace fs = std::filesystem;

namespace {

std::string dir_of(const fs::path& path) {
  auto dir = path.parent_path();
  return dir.empty() ? "." : dir.string();
}

[[noreturn]] void refuse_read_only(const fs::path& path, const std::string& why) {
  throw Error(ErrorKind::storage, "the store " + path.string() + " is read-only (" + why + "); this command writes to it",
              {"commands that only read work on it: store info, prompt list, runs list, evals list",
               "to write, use a writable copy: cp " + path.string() + " /tmp/genops.db && genops --store /tmp/genops.db ..."});
}

// A store that exists but cannot be written is refused by name; a missing
// one is created (with its directory), unless the directory is read-only.
fs::path prepare_for_writing(const fs::path& path) {
  if (is_server_url(path.string())) return path;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    if (!store_writable(path)) refuse_read_only(path, std::strerror(errno));
    return path;
  }
  auto dir = path.parent_path();
  if (!dir.empty() && !fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) {
      throw Error(ErrorKind::storage,
                  "cannot create the store directory " + dir.string() + ": " + ec.message());
    }
  }
  if (access(dir_of(path).c_str(), W_OK) != 0 && errno == EROFS) refuse_read_only(path, std::strerror(errno));
  return path;
}

// Opens an existing store for reading: writable ones as usual (so an older
// one is migrated), read-only ones read-only. A missing store is never created.
Database open_for_reading(const fs::path& path) {
  if (is_server_url(path.string())) return Database(path.string(), Database::Create::no);
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw Error(ErrorKind::storage, "no store at " + path.string(),
                {"create one with: genops init (or any command that records: genops prompt add, genops run, genops eval)",
                 "or point at an existing store with --store PATH or GENOPS_STORE"});
  if (store_writable(path)) return Database(path.string(), Database::Create::no);
  return Database(path.string(), Database::ReadOnly{});
}

void refuse_newer(const fs::path& path, int found) {
  throw Error(ErrorKind::storage,
              "store " + display_location(path.string()) + " has schema version " + std::to_string(found) +
                  ", newer than this genops understands (" + std::to_string(k_schema_version) + ")",
              {"upgrade genops; the store was left untouched"});
}

}  // namespace

bool store_exists(const fs::path& location) {
  std::error_code ec;
  return is_server_url(location.string()) || fs::exists(location, ec);
}

bool store_writable(const fs::path& path) {
  if (is_server_url(path.string())) return true;
  return access(path.c_str(), W_OK) == 0 && access(dir_of(path).c_str(), W_OK) == 0;
}

Store::Store(const fs::path& path, Access access)
    : m_path(path),
      m_db(access == Access::read ? open_for_reading(path)
                                  : Database(prepare_for_writing(path).string(), Database::Create::yes)) {
  m_opened_version = m_db.connection().schema_version();
  if (m_opened_version > k_schema_version) refuse_newer(m_path, m_opened_version);
  if (m_opened_version == k_schema_version) return;
  if (m_db.read_only())
    throw Error(ErrorKind::storage,
                "the store " + m_path.string() + " is read-only and has schema version " +
                    std::to_string(m_opened_version) + "; this genops reads version " + std::to_string(k_schema_version),
                {"run any genops command on a writable copy once to migrate it"});
  // Migrate under the write lock (SQLite's, or PostgreSQL's advisory lock), re-reading
  // the version: another process may have migrated between our read and the lock.
  Transaction tx(m_db);
  int current = m_db.connection().schema_version();
  if (current > k_schema_version) refuse_newer(m_path, current);
  auto steps = migrations(m_db.dialect());
  for (int v = current; v < k_schema_version; ++v) {
    m_db.exec(steps[static_cast<std::size_t>(v)]);
  }
  m_db.connection().set_schema_version(k_schema_version);
  tx.commit();
}

std::string Store::put_blob(std::string_view content) {
  auto hash = sha256_hex(content);
  auto stmt = m_db.prepare("INSERT INTO blobs(hash, size, content) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING");
  stmt.bind(1, std::string_view(hash)).bind(2, static_cast<std::int64_t>(content.size())).bind(3, content);
  stmt.run();
  return hash;
}

std::optional<std::string> Store::get_blob(std::string_view hash) {
  auto stmt = m_db.prepare("SELECT content FROM blobs WHERE hash = ?1");
  stmt.bind(1, hash);
  if (!stmt.step()) return std::nullopt;
  return stmt.text(0);
}

}  // namespace genops::core::lineage
