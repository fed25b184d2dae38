#include "core/lineage/store.hpp"

#include <system_error>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/lineage/migrations.hpp"

namespace genops::core::lineage {

namespace fs = std::filesystem;

namespace {

fs::path prepare_directory(const fs::path& path) {
  std::error_code ec;
  auto dir = path.parent_path();
  if (!dir.empty() && !fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) {
      throw Error(ErrorKind::storage,
                  "cannot create the store directory " + dir.string() + ": " + ec.message());
    }
  }
  return path;
}

int read_user_version(Database& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  stmt.step();
  return static_cast<int>(stmt.integer(0));
}

void refuse_newer(const fs::path& path, int found) {
  throw Error(ErrorKind::storage,
              "store " + path.string() + " has schema version " + std::to_string(found) +
                  ", newer than this genops understands (" + std::to_string(k_schema_version) + ")",
              {"upgrade genops; the store was left untouched"});
}

}  // namespace

Store::Store(const fs::path& path)
    : m_path(path), m_db(prepare_directory(path).string(), Database::Create::yes) {
  m_opened_version = read_user_version(m_db);
  if (m_opened_version > k_schema_version) refuse_newer(m_path, m_opened_version);
  if (m_opened_version == k_schema_version) return;
  // Migrate under a write lock, re-reading the version: another process may
  // have migrated between our read and the lock.
  Transaction tx(m_db);
  int current = read_user_version(m_db);
  if (current > k_schema_version) refuse_newer(m_path, current);
  auto steps = migrations();
  for (int v = current; v < k_schema_version; ++v) {
    m_db.exec(steps[static_cast<std::size_t>(v)]);
  }
  m_db.exec("PRAGMA user_version=" + std::to_string(k_schema_version));
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
