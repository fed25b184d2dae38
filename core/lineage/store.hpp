#pragma once
// The lineage store: one SQLite file in WAL mode, its schema version in
// user_version, forward-only migrations, and content-addressed blobs.
// Several processes may write at once (busy_timeout + BEGIN IMMEDIATE).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/lineage/sqlite.hpp"

namespace genops::core::lineage {

// True when `path` (an existing file) and its directory can be written by
// this process; a read-only mount says no even to root (EROFS).
bool store_writable(const std::filesystem::path& path);

// True when `location` is a server URL (it may hold a store) or an existing file.
bool store_exists(const std::filesystem::path& location);

// The schema version this binary writes; a store with a higher one is refused.
inline constexpr int k_schema_version = 9;

// What a command will do with the store.
//  * write: the store (and its directory) is created when missing and migrated;
//    a store that cannot be written (a read-only file, directory or mount) is
//    Error(storage) naming it, before anything runs.
//  * read: nothing is ever created; a missing store is Error(storage) with a
//    hint. A writable store is migrated as for write; a read-only one is
//    opened read-only (Database::ReadOnly) and must already be at k_schema_version.
enum class Access { write, read };

class Store {
 public:
  // Opens the store at `path` for `access` (see Access). Throws Error(storage)
  // when it cannot be opened, or when it is newer than this binary (never rewritten).
  explicit Store(const std::filesystem::path& path, Access access = Access::write);

  Database& db() { return m_db; }
  const std::filesystem::path& path() const { return m_path; }
  // The schema version found on disk before migration.
  int opened_version() const { return m_opened_version; }
  // True when the store could not be written and was opened read-only.
  bool read_only() const { return m_db.read_only(); }

  // Stores `content` once under its SHA-256 and returns the hash. Call inside
  // a transaction when part of a larger write.
  std::string put_blob(std::string_view content);
  std::optional<std::string> get_blob(std::string_view hash);

 private:
  std::filesystem::path m_path;
  Database m_db;
  int m_opened_version = 0;
};

}  // namespace genops::core::lineage
