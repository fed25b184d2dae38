#pragma once
// The forward-only schema migrations; migration i (0-based) takes a store
// from schema version i to i + 1. Never edit a released migration: append one.
// They are written in SQLite's DDL; PostgreSQL gets the same tables through
// postgres_ddl() plus, where SQLite has something PostgreSQL lacks (FTS5,
// rowid), a replacement of its own.
#include <string>
#include <vector>

#include "core/lineage/connection.hpp"

namespace genops::core::lineage {

std::vector<std::string> migrations(Dialect dialect);

}  // namespace genops::core::lineage
