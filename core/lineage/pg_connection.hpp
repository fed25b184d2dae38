#pragma once
// The PostgreSQL backend of Database, through libpq (the only libpq user).
// pg_connection.cpp is built as the module lib/genops/genops_postgresql.so
// (core/module.hpp), loaded on the first open_postgresql() call, so that
// SQLite-only commands never load libpq; tests link it in.
#include <memory>
#include <string>

#include "core/lineage/connection.hpp"

namespace genops::core::lineage::detail {

// Connects to the server `url` names (postgresql://user@host:port/db; the
// password from PGPASSWORD or ~/.pgpass as libpq reads them), retrying with
// backoff for up to GENOPS_STORE_RETRY_SECONDS (default 10) while it is
// unreachable. Throws Error(storage) naming the URL without its password.
// Loads the module on first use: throws Error(internal) when it is missing.
std::unique_ptr<Connection> open_postgresql(const std::string& url);

// The libpq backend's entry point, installed by pg_connection.cpp (on load of
// the module or at start-up of a program that links it in).
using PostgresqlOpener = std::unique_ptr<Connection> (*)(const std::string& url);
void register_postgresql(PostgresqlOpener opener);

}  // namespace genops::core::lineage::detail
