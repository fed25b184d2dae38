#pragma once
// The SQLite backend of Database: a file in WAL mode, through libsqlite3 (the
// only sqlite3 user). sqlite_connection.cpp is built as the module
// lib/genops/genops_sqlite.so (core/module.hpp), loaded on the first
// sqlite_backend() call, so that commands which never open a store do not load
// libsqlite3 (issue 14, start-up); test and bench programs link it in.
#include <memory>
#include <string>

#include "core/lineage/connection.hpp"

namespace genops::core::lineage::detail {

// Opens `path` for writing (creating it when `create`), or read-only.
// Defined in the module; the rest of genops calls them through sqlite_backend().
std::unique_ptr<Connection> open_sqlite(const std::string& path, bool create);
std::unique_ptr<Connection> open_sqlite_read_only(const std::string& path);

// The backend's entry points, installed by sqlite_connection.cpp (on load of
// the module or at start-up of a program that links it in).
struct SqliteBackend {
  std::unique_ptr<Connection> (*open)(const std::string& path, bool create) = nullptr;
  std::unique_ptr<Connection> (*open_read_only)(const std::string& path) = nullptr;
};
void register_sqlite(SqliteBackend backend);

// The registered backend, loading the module on first use. Thread-safe.
// Throws Error(internal) when the module is missing or registered nothing.
SqliteBackend sqlite_backend();

}  // namespace genops::core::lineage::detail
