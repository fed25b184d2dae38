// genops config show [--json]
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "core/fs.hpp"
#include "core/lineage/sqlite.hpp"

namespace genops::cli {

namespace {

void run_show(Context& ctx, bool json) {
  const auto& p = ctx.project_or_defaults();
  if (json) {
    auto settings = nlohmann::json::array();
    for (const auto& s : p.settings) settings.push_back({{"key", s.key}, {"value", core::lineage::display_location(s.value)}, {"origin", s.origin}});
    auto providers = nlohmann::json::array();
    for (const auto& [name, pc] : p.providers)
      providers.push_back({{"name", name}, {"kind", pc.kind}, {"model", pc.model}});
    return print_json({{"project", p.has_file() ? p.file.string() : ""}, {"store_path", core::lineage::display_location(p.store_path.string())},
                       {"settings", settings}, {"providers", providers}});
  }
  std::cout << "project: " << (p.has_file() ? p.file.string() : "(none: no genops.yaml found)") << '\n'
            << "store:   " << core::lineage::display_location(p.store_path.string()) << "\n\n";
  std::vector<std::vector<std::string>> rows = {{"SETTING", "VALUE", "FROM"}};
  for (const auto& s : p.settings) rows.push_back({s.key, s.value.empty() ? "(unset)" : core::lineage::display_location(s.value), s.origin});
  print_table(rows);
  if (!p.providers.empty()) {
    std::cout << '\n';
    std::vector<std::vector<std::string>> prov = {{"PROVIDER", "KIND", "MODEL"}};
    for (const auto& [name, pc] : p.providers) prov.push_back({name, pc.kind, pc.model.empty() ? "-" : pc.model});
    print_table(prov);
  }
}

}  // namespace

void add_config_commands(CLI::App& app, Context& ctx) {
  auto* config = app.add_subcommand("config", "Effective settings and where each comes from");
  config->require_subcommand(1);
  config->footer(example({"genops config show"}));
  auto json = std::make_shared<bool>(false);
  auto* show = config->add_subcommand("show", "Print every setting with its origin: default < genops.yaml < environment < flag");
  show->add_flag("--json", *json, "Print JSON");
  show->footer(example({"genops config show", "GENOPS_STORE=/tmp/x.db genops config show --json"}));
  show->callback([&ctx, json] { run_show(ctx, *json); });
}

}  // namespace genops::cli
