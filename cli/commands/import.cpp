// genops import promptfoo [CONFIG] [--into DIR] [--skip-unsupported]: a genops
// project from a promptfoo config (the translation lives in migrate/).
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/import_check.hpp"
#include "cli/output.hpp"
#include "core/fs.hpp"
#include "migrate/promptfoo/import.hpp"

namespace genops::cli {

namespace {

namespace pf = migrate::promptfoo;

struct ImportFlags {
  std::string config = "promptfooconfig.yaml";
  std::string into = "genops-import";
  bool skip_unsupported = false;
};

void run_import_promptfoo(const ImportFlags& flags) {
  std::filesystem::path into = flags.into;
  pf::check_target_dir(into);
  pf::ImportOptions options;
  options.config = flags.config;
  options.skip = flags.skip_unsupported ? pf::SkipUnsupported::yes : pf::SkipUnsupported::no;
  auto plan = pf::plan_import(options);
  pf::write_plan(plan, into);
  check_imported_project(into, plan);
  for (const auto& w : plan.notes.warnings) print_warning(w);
  if (!plan.notes.unsupported.empty())
    print_warning(std::to_string(plan.notes.unsupported.size()) +
                  " unsupported item(s) left out; they are listed in " + core::display_path(into / "README.md"));
  for (const auto& f : plan.files) std::cout << "  created  " << core::display_path(into / f.path) << '\n';
  std::cout << "\nImported " << plan.prompt_files.size() << " prompt(s), " << plan.providers << " provider(s), "
            << plan.tests << " test(s) -> " << plan.cases << " case(s) per eval; " << plan.files.size()
            << " files written. Next:\n  cd " << flags.into << " && genops eval " << plan.eval_files.front() << '\n';
}

}  // namespace

void add_import_commands(CLI::App& app, Context&) {
  auto* import = app.add_subcommand("import", "Turn another tool's project into a genops project: promptfoo");
  import->require_subcommand(1);
  import->footer(example({"genops import promptfoo promptfooconfig.yaml --into ../my-genops-project"}));
  auto flags = std::make_shared<ImportFlags>();
  auto* cmd = import->add_subcommand("promptfoo", "Import a promptfooconfig.yaml: providers, prompts, tests and assertions");
  cmd->add_option("config", flags->config, "The promptfoo config (default: ./promptfooconfig.yaml)");
  cmd->add_option("--into", flags->into, "Directory to write the project to; must be new or empty (default: ./genops-import)");
  cmd->add_flag("--skip-unsupported", flags->skip_unsupported,
                "Import what genops supports and list the rest in the generated README.md (default: exit 3 listing it)");
  cmd->footer(example({"genops import promptfoo promptfooconfig.yaml --into migrated",
                       "cd migrated && genops eval evals/<prompt>.yaml"}));
  cmd->callback([flags] { run_import_promptfoo(*flags); });
}

}  // namespace genops::cli
