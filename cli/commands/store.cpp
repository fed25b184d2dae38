// genops store info | verify
#include <filesystem>
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/lineage/store_admin.hpp"

namespace genops::cli {

namespace {

void run_info(Context& ctx, bool json) {
  auto info = core::lineage::describe_store(ctx.store());
  if (json) {
    auto tables = nlohmann::json::object();
    for (const auto& [name, rows] : info.row_counts) tables[name] = rows;
    return print_json({{"path", info.path}, {"schema_version", info.schema_version}, {"bytes", info.bytes}, {"tables", tables}});
  }
  std::cout << "path:           " << info.path << "\nschema version: " << info.schema_version
            << "\nsize:           " << info.bytes << " bytes\n";
  std::vector<std::vector<std::string>> rows = {{"TABLE", "ROWS"}};
  for (const auto& [name, count] : info.row_counts) rows.push_back({name, std::to_string(count)});
  print_table(rows);
}

void run_verify(Context& ctx) {
  auto problems = core::lineage::verify_store(ctx.store());
  if (!problems.empty()) {
    for (const auto& p : problems) std::cerr << "  " << p << '\n';
    throw core::Error(core::ErrorKind::storage, "store " + ctx.store().path().string() + " failed its integrity check",
                      {"restore from a backup made with VACUUM INTO"});
  }
  std::cout << "ok: " << ctx.store().path().string() << " passed integrity and foreign-key checks\n";
}

}  // namespace

void add_store_commands(CLI::App& app, Context& ctx) {
  auto* store = app.add_subcommand("store", "The lineage store: info, verify");
  store->require_subcommand(1);
  store->footer(example({"genops store info", "genops store verify"}));
  auto json = std::make_shared<bool>(false);
  auto* info = store->add_subcommand("info", "Path, schema version, size and row counts");
  info->add_flag("--json", *json, "Print JSON");
  info->footer(example({"genops store info"}));
  info->callback([&ctx, json] { run_info(ctx, *json); });
  auto* verify = store->add_subcommand("verify", "Run SQLite's integrity and foreign-key checks (exit 5 on a problem)");
  verify->footer(example({"genops store verify"}));
  verify->callback([&ctx] { run_verify(ctx); });
}

}  // namespace genops::cli
