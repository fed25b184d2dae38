// genops import promptfoo [CONFIG] | promptflow FLOW [--into DIR] [--skip-unsupported]:
// a genops project from a promptfoo config or a Prompt flow DAG (the
// translations live in migrate/).
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/import_check.hpp"
#include "cli/output.hpp"
#include "core/fs.hpp"
#include "migrate/promptflow/import.hpp"
#include "migrate/promptfoo/import.hpp"

namespace genops::cli {

namespace {

namespace pf = migrate::promptfoo;
namespace flow = migrate::promptflow;

struct ImportFlags {
  std::string config = "promptfooconfig.yaml";
  std::string into = "genops-import";
  bool skip_unsupported = false;
};

void run_import_promptfoo(const ImportFlags& flags) {
  std::filesystem::path into = flags.into;
  migrate::check_target_dir(into);
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

void run_import_promptflow(const ImportFlags& flags) {
  std::filesystem::path into = flags.into;
  migrate::check_target_dir(into);
  flow::ImportOptions options;
  options.flow = flags.config;
  options.skip = flags.skip_unsupported ? flow::SkipUnsupported::yes : flow::SkipUnsupported::no;
  auto plan = flow::plan_import(options);
  migrate::write_files(plan.files, into);
  check_imported_chain(into, plan);
  for (const auto& w : plan.notes.warnings) print_warning(w);
  if (!plan.notes.unsupported.empty())
    print_warning(std::to_string(plan.notes.unsupported.size()) +
                  " unsupported item(s) left out; they are listed in " + core::display_path(into / "README.md"));
  for (const auto& f : plan.files) std::cout << "  created  " << core::display_path(into / f.path) << '\n';
  std::cout << "\nImported " << plan.nodes << " node(s) into " << plan.chain_file << ", " << plan.prompt_files.size()
            << " prompt file(s), " << plan.providers << " provider(s); " << plan.files.size()
            << " files written; chain validate: ok. Next:\n  cd " << flags.into << " && genops run " << plan.chain_file
            << " --var NAME=VALUE\n";
}

}  // namespace

void add_import_commands(CLI::App& app, Context&) {
  auto* import = app.add_subcommand("import", "Turn another tool's project into a genops project: promptfoo, Prompt flow");
  import->require_subcommand(1);
  import->footer(example({"genops import promptfoo promptfooconfig.yaml --into ../my-genops-project",
                          "genops import promptflow flows/chat/flow.dag.yaml --into ../my-genops-project"}));
  auto flags = std::make_shared<ImportFlags>();
  auto* cmd = import->add_subcommand("promptfoo", "Import a promptfooconfig.yaml: providers, prompts, tests and assertions");
  cmd->add_option("config", flags->config, "The promptfoo config (default: ./promptfooconfig.yaml)");
  cmd->add_option("--into", flags->into, "Directory to write the project to; must be new or empty (default: ./genops-import)");
  cmd->add_flag("--skip-unsupported", flags->skip_unsupported,
                "Import what genops supports and list the rest in the generated README.md (default: exit 3 listing it)");
  cmd->footer(example({"genops import promptfoo promptfooconfig.yaml --into migrated",
                       "cd migrated && genops eval evals/<prompt>.yaml"}));
  cmd->callback([flags] { run_import_promptfoo(*flags); });

  auto flow_flags = std::make_shared<ImportFlags>();
  flow_flags->config = ".";
  auto* pf_cmd = import->add_subcommand("promptflow", "Import a Prompt flow DAG flow: a chain, its prompts, Python nodes as exec steps");
  pf_cmd->add_option("flow", flow_flags->config, "flow.dag.yaml or the folder holding it (default: .)");
  pf_cmd->add_option("--into", flow_flags->into, "Directory to write the project to; must be new or empty (default: ./genops-import)");
  pf_cmd->add_flag("--skip-unsupported", flow_flags->skip_unsupported,
                   "Import what genops supports and list the rest in the generated README.md (default: exit 3 listing it)");
  pf_cmd->footer(example({"genops import promptflow flows/web-classification --into migrated",
                          "cd migrated && genops run chains/web-classification.yaml --var url=https://example.com"}));
  pf_cmd->callback([flow_flags] { run_import_promptflow(*flow_flags); });
}

}  // namespace genops::cli
