#pragma once
// The SQL rewrites between the dialect genops writes (SQLite's) and
// PostgreSQL's: placeholders and schema types. Pure functions, unit-tested.
#include <string>
#include <string_view>

namespace genops::core::lineage {

// `?1`, `?12` become `$1`, `$12`; a bare `?` becomes the next number.
// Nothing inside '…' literals, "…" identifiers or -- comments is touched.
std::string postgres_placeholders(std::string_view sql);

// SQLite DDL as PostgreSQL DDL: `INTEGER PRIMARY KEY` (the rowid alias)
// becomes an identity column, INTEGER → BIGINT, REAL → DOUBLE PRECISION,
// BLOB → BYTEA, and `WITHOUT ROWID` goes. Literals and comments are kept.
std::string postgres_ddl(std::string_view sqlite_ddl);

}  // namespace genops::core::lineage
