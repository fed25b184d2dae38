#include "core/lineage/store_admin.hpp"

#include <filesystem>

#include "core/lineage/eval_queries.hpp"
#include "core/lineage/run_queries.hpp"

namespace genops::core::lineage {

StoreInfo describe_store(Store& store) {
  StoreInfo info;
  info.path = store.path().string();
  auto& db = store.db();
  auto version = db.prepare("PRAGMA user_version");
  version.step();
  info.schema_version = static_cast<int>(version.integer(0));
  std::error_code ec;
  for (const char* suffix : {"", "-wal"}) {
    auto size = std::filesystem::file_size(info.path + suffix, ec);
    if (!ec) info.bytes += static_cast<std::int64_t>(size);
  }
  auto tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  std::vector<std::string> names;
  while (tables.step()) names.push_back(tables.text(0));
  for (const auto& name : names) {
    auto count = db.prepare("SELECT COUNT(*) FROM \"" + name + "\"");
    count.step();
    info.row_counts.emplace_back(name, count.integer(0));
  }
  info.read_only = store.read_only();
  info.runs_by_status = count_runs_by_status(store);
  info.eval_runs_by_status = count_eval_runs_by_status(db);
  return info;
}

std::vector<std::string> verify_store(Store& store) {
  std::vector<std::string> problems;
  auto integrity = store.db().prepare("PRAGMA integrity_check");
  while (integrity.step()) {
    if (integrity.text(0) != "ok") problems.push_back("integrity: " + integrity.text(0));
  }
  auto fk = store.db().prepare("PRAGMA foreign_key_check");
  while (fk.step()) problems.push_back("foreign key: table " + fk.text(0) + " row " + std::to_string(fk.integer(1)));
  return problems;
}

}  // namespace genops::core::lineage
