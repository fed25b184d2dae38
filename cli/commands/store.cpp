// genops store info | verify
#include <filesystem>
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/lineage/store_admin.hpp"
#include "core/strings.hpp"

namespace genops::cli {

namespace {

using Counts = std::vector<std::pair<std::string, std::int64_t>>;

nlohmann::json counts_json(const Counts& counts) {
  auto out = nlohmann::json::object();
  for (const auto& [name, n] : counts) out[name] = n;
  return out;
}

// "3 succeeded, 1 abandoned" or "none".
std::string counts_text(const Counts& counts) {
  std::vector<std::string> parts;
  for (const auto& [name, n] : counts) parts.push_back(std::to_string(n) + " " + name);
  return parts.empty() ? "none" : core::join(parts, ", ");
}

void run_info(Context& ctx, bool json) {
  auto info = core::lineage::describe_store(ctx.read_store());
  if (json) {
    return print_json({{"path", info.path}, {"schema_version", info.schema_version}, {"bytes", info.bytes},
                       {"read_only", info.read_only}, {"tables", counts_json(info.row_counts)},
                       {"runs", counts_json(info.runs_by_status)}, {"eval_runs", counts_json(info.eval_runs_by_status)}});
  }
  std::cout << "path:           " << info.path << (info.read_only ? " (read-only)" : "")
            << "\nschema version: " << info.schema_version << "\nsize:           " << info.bytes << " bytes"
            << "\nruns:           " << counts_text(info.runs_by_status)
            << "\neval runs:      " << counts_text(info.eval_runs_by_status) << '\n';
  std::vector<std::vector<std::string>> rows = {{"TABLE", "ROWS"}};
  for (const auto& [name, count] : info.row_counts) rows.push_back({name, std::to_string(count)});
  print_table(rows);
}

void run_verify(Context& ctx) {
  auto problems = core::lineage::verify_store(ctx.read_store());
  if (!problems.empty()) {
    for (const auto& p : problems) std::cerr << "  " << p << '\n';
    throw core::Error(core::ErrorKind::storage, "store " + core::lineage::display_location(ctx.read_store().path().string()) + " failed its integrity check",
                      {"restore from a backup made with VACUUM INTO"});
  }
  std::cout << "ok: " << core::lineage::display_location(ctx.read_store().path().string()) << " passed integrity and foreign-key checks\n";
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
