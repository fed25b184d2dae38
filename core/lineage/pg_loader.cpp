// open_postgresql() in genops_core: the libpq backend itself is the module
// genops_postgresql (pg_connection.cpp), loaded here on first use.
#include <atomic>

#include "core/error.hpp"
#include "core/lineage/pg_connection.hpp"
#include "core/module.hpp"

namespace genops::core::lineage::detail {

namespace {

std::atomic<PostgresqlOpener> g_opener{nullptr};

}  // namespace

void register_postgresql(PostgresqlOpener opener) { g_opener.store(opener); }

std::unique_ptr<Connection> open_postgresql(const std::string& url) {
  if (!g_opener.load()) load_module("genops_postgresql");
  const auto opener = g_opener.load();
  if (!opener)
    throw Error(ErrorKind::internal, "genops_postgresql.so: loaded, but it registered no PostgreSQL backend",
                {"reinstall genops: the module does not match the binary"});
  return opener(url);
}

}  // namespace genops::core::lineage::detail
