#pragma once
// The PostgreSQL backend of Database, through libpq (the only libpq user).
#include <memory>
#include <string>

#include "core/lineage/connection.hpp"

namespace genops::core::lineage::detail {

// Connects to the server `url` names (postgresql://user@host:port/db; the
// password from PGPASSWORD or ~/.pgpass as libpq reads them), retrying with
// backoff for up to GENOPS_STORE_RETRY_SECONDS (default 10) while it is
// unreachable. Throws Error(storage) naming the URL without its password.
std::unique_ptr<Connection> open_postgresql(const std::string& url);

}  // namespace genops::core::lineage::detail
