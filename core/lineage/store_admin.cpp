#include "core/lineage/store_admin.hpp"

#include <filesystem>


namespace genops::core::lineage {

StoreInfo describe_store(Store& store) {
  StoreInfo info;
  info.path = display_location(store.path().string());
  auto& db = store.db();
  info.schema_version = db.connection().schema_version();
  const bool server = db.dialect() == Dialect::postgresql;
  if (server) {
    auto size = db.prepare("SELECT pg_database_size(current_database())");
    size.step();
    info.bytes = size.integer(0);
  } else {
    std::error_code ec;
    for (const char* suffix : {"", "-wal"}) {
      auto size = std::filesystem::file_size(info.path + suffix, ec);
      if (!ec) info.bytes += static_cast<std::int64_t>(size);
    }
  }
  auto tables = db.prepare(server ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                                    "AND table_type = 'BASE TABLE' AND table_name != 'genops_schema' ORDER BY table_name"
                                  : "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  std::vector<std::string> names;
  while (tables.step()) names.push_back(tables.text(0));
  for (const auto& name : names) {
    auto count = db.prepare("SELECT COUNT(*) FROM \"" + name + "\"");
    count.step();
    info.row_counts.emplace_back(name, count.integer(0));
  }
  info.read_only = store.read_only();
  return info;
}

std::vector<std::string> verify_store(Store& store) {
  std::vector<std::string> problems;
  // PostgreSQL checks its pages (checksums) and enforces foreign keys on every
  // write; what is left to ask is whether the server answers.
  if (store.db().dialect() == Dialect::postgresql) {
    store.db().exec("SELECT 1");
    return problems;
  }
  auto integrity = store.db().prepare("PRAGMA integrity_check");
  while (integrity.step()) {
    if (integrity.text(0) != "ok") problems.push_back("integrity: " + integrity.text(0));
  }
  auto fk = store.db().prepare("PRAGMA foreign_key_check");
  while (fk.step()) problems.push_back("foreign key: table " + fk.text(0) + " row " + std::to_string(fk.integer(1)));
  return problems;
}

}  // namespace genops::core::lineage
