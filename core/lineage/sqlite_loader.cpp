// sqlite_backend() in genops_core: the SQLite backend itself is the module
// genops_sqlite (sqlite_connection.cpp), loaded here on first use.
#include <atomic>

#include "core/error.hpp"
#include "core/lineage/sqlite_connection.hpp"
#include "core/module.hpp"

namespace genops::core::lineage::detail {

namespace {

// Both entry points are published together: readers never see half a backend.
std::atomic<const SqliteBackend*> g_backend{nullptr};

}  // namespace

void register_sqlite(SqliteBackend backend) {
  static const SqliteBackend registered = backend;  // the first registration wins
  g_backend.store(&registered, std::memory_order_release);
}

SqliteBackend sqlite_backend() {
  if (!g_backend.load(std::memory_order_acquire)) load_module("genops_sqlite");
  const auto* backend = g_backend.load(std::memory_order_acquire);
  if (!backend || !backend->open || !backend->open_read_only)
    throw Error(ErrorKind::internal, "genops_sqlite.so: loaded, but it registered no SQLite backend",
                {"reinstall genops: the module does not match the binary"});
  return *backend;
}

}  // namespace genops::core::lineage::detail
