// genops store info | verify | merge SRC... [--into DST]
#include <filesystem>
#include <iostream>

#include "chains/store/run_queries.hpp"
#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/lineage/store_admin.hpp"
#include "core/lineage/store_merge.hpp"
#include "core/strings.hpp"
#include "eval/store/eval_queries.hpp"

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
  auto& store = ctx.read_store();
  auto info = core::lineage::describe_store(store);
  const auto runs = chains::count_runs_by_status(store);
  const auto eval_runs = eval::count_eval_runs_by_status(store.db());
  if (json) {
    return print_json({{"path", info.path}, {"schema_version", info.schema_version}, {"bytes", info.bytes},
                       {"read_only", info.read_only}, {"tables", counts_json(info.row_counts)},
                       {"runs", counts_json(runs)}, {"eval_runs", counts_json(eval_runs)}});
  }
  std::cout << "path:           " << info.path << (info.read_only ? " (read-only)" : "")
            << "\nschema version: " << info.schema_version << "\nsize:           " << info.bytes << " bytes"
            << "\nruns:           " << counts_text(runs)
            << "\neval runs:      " << counts_text(eval_runs) << '\n';
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

struct MergeOptions {
  std::vector<std::string> sources;
  std::string into;  // "" = the project's store
  bool json = false;
};

nlohmann::json merge_json(const std::string& source, const core::lineage::MergeReport& r) {
  auto conflicts = nlohmann::json::array();
  for (const auto& c : r.conflicts) conflicts.push_back({{"table", c.table}, {"key", c.key}, {"columns", c.columns}});
  return {{"source", source}, {"added", counts_json(r.added)}, {"same", r.same}, {"conflicts", conflicts}};
}

void print_merge(const std::string& source, const std::string& into, const core::lineage::MergeReport& r) {
  for (const auto& c : r.conflicts)
    std::cout << "conflict: " << c.table << " (" << c.key << "): " << core::join(c.columns, ", ")
              << " differ; the target's row is kept\n";
  std::cout << "merged " << source << " into " << into << ": " << r.total_added() << " rows added ("
            << counts_text(r.added) << "), " << r.same << " already there, " << r.conflicts.size()
            << (r.conflicts.size() == 1 ? " conflict" : " conflicts") << '\n';
}

// A store as printed: a file relative to here, a server URL without its password.
std::string shown(const std::filesystem::path& location) {
  return core::lineage::is_server_url(location.string()) ? core::lineage::display_location(location.string())
                                                          : core::display_path(location);
}

void run_merge(Context& ctx, const MergeOptions& o) {
  std::unique_ptr<core::lineage::Store> into;
  if (!o.into.empty()) into = ctx.open_other_store(o.into, core::lineage::Access::write);
  auto& target = into ? *into : ctx.store();
  auto out = nlohmann::json::array();
  std::size_t conflicts = 0;
  for (const auto& path : o.sources) {
    std::error_code ec;
    if (path == target.path().string() || std::filesystem::equivalent(path, target.path(), ec))
      core::fail_usage("store merge: " + path + " is the target store itself",
                       {"name another target with --into FILE, or leave " + path + " out"});
    auto source = ctx.open_other_store(path, core::lineage::Access::read);
    auto report = core::lineage::merge_store(source->db(), target.db());
    conflicts += report.conflicts.size();
    if (o.json) out.push_back(merge_json(shown(path), report));
    else print_merge(shown(path), shown(target.path()), report);
  }
  if (o.json) print_json({{"into", shown(target.path())}, {"sources", out}});
  if (conflicts > 0)
    throw core::Error(core::ErrorKind::check_failed,
                      std::to_string(conflicts) + (conflicts == 1 ? " row has" : " rows have") +
                          " the key of a different row in " + shown(target.path()) + "; not merged",
                      {"the target's rows are kept as they were; each conflict above names its table and key",
                       "two stores ran the same key differently (e.g. a shard retried after its store was uploaded)"});
}

}  // namespace

void add_store_commands(CLI::App& app, Context& ctx) {
  auto* store = app.add_subcommand("store", "The lineage store: info, verify, merge");
  store->require_subcommand(1);
  store->footer(example({"genops store info", "genops store verify", "genops store merge a.db b.db --into all.db"}));
  auto json = std::make_shared<bool>(false);
  auto* info = store->add_subcommand("info", "Path, schema version, size and row counts");
  info->add_flag("--json", *json, "Print JSON");
  info->footer(example({"genops store info"}));
  info->callback([&ctx, json] { run_info(ctx, *json); });
  auto* verify = store->add_subcommand("verify", "Run SQLite's integrity and foreign-key checks (exit 5 on a problem)");
  verify->footer(example({"genops store verify"}));
  verify->callback([&ctx] { run_verify(ctx); });
  auto m = std::make_shared<MergeOptions>();
  auto* merge = store->add_subcommand("merge", "Union other stores into this one (or --into): the same key with the "
                                               "same content is kept once, with other content reported (exit 1), "
                                               "never overwritten");
  merge->add_option("sources", m->sources, "Stores to merge from (SQLite files)")->required();
  merge->add_option("--into", m->into, "The store to merge into, created when missing (default: the project's)");
  merge->add_flag("--json", m->json, "Print JSON");
  merge->footer(example({"genops store merge shard-1.db shard-2.db shard-3.db shard-4.db --into merged.db",
                         "genops store merge ~/laptop.db          # into the project's store"}));
  merge->callback([&ctx, m] { run_merge(ctx, *m); });
}

}  // namespace genops::cli
