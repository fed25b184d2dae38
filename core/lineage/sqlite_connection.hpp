#pragma once
// The SQLite backend of Database: a file in WAL mode.
#include <memory>
#include <string>

#include "core/lineage/connection.hpp"

namespace genops::core::lineage::detail {

// Opens `path` for writing (creating it when `create`), or read-only.
std::unique_ptr<Connection> open_sqlite(const std::string& path, bool create);
std::unique_ptr<Connection> open_sqlite_read_only(const std::string& path);

}  // namespace genops::core::lineage::detail
