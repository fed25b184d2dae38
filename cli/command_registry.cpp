#include "cli/command_registry.hpp"

#include <set>
#include <string_view>

#include "cli/commands/commands.hpp"
#include "cli/version.hpp"
#include "core/strings.hpp"

namespace genops::cli {

namespace {

void add_prompt_commands(CLI::App& app, Context& ctx) {
  auto* prompt = app.add_subcommand("prompt", "Versioned prompt templates: add, list, show, log, label, render, diff");
  prompt->require_subcommand(1);
  prompt->footer(example({"genops prompt add prompts/support-answer.yaml -m \"tighter tone\" --label production",
                          "genops prompt diff support-answer@1 support-answer@2"}));
  add_prompt_add_command(*prompt, ctx);
  add_prompt_query_commands(*prompt, ctx);
  add_prompt_label_command(*prompt, ctx);
  add_prompt_render_command(*prompt, ctx);
  add_prompt_diff_command(*prompt, ctx);
}

using Builder = void (*)(CLI::App&, Context&);

// One top-level command: what its stub shows, and the function that builds it
// in full (a function may build several: completion builds __man and __complete).
struct TopCommand {
  const char* name;
  const char* description;
  bool hidden;
  bool reads_whole_table;  // its output is generated from every command
  Builder build;
};

// In --help order. Each description must equal the one its builder gives
// (tests/unit/cli/test_command_registry.cpp compares them).
constexpr TopCommand k_commands[] = {
    {"init", "Create a project (genops.yaml, an example prompt, mock replies) that runs offline", false, false,
     add_init_command},
    {"prompt", "Versioned prompt templates: add, list, show, log, label, render, diff", false, false,
     add_prompt_commands},
    {"config", "Effective settings and where each comes from", false, false, add_config_commands},
    {"store", "The lineage store: info, verify, merge", false, false, add_store_commands},
    {"chain", "Chain files: validate, graph", false, false, add_chain_commands},
    {"run", "Run a chain: once with --var inputs, or once per row of --input-file", false, false, add_run_command},
    {"runs", "Recorded chain runs: list, show, trace, export", false, false, add_runs_commands},
    {"score", "Score hypotheses against references: BLEU, chrF, ROUGE, Levenshtein", false, false, add_score_command},
    {"eval", "Run an eval: score a chain or prompt on its cases, gate on the results", false, false, add_eval_command},
    {"evals", "Recorded eval runs: list, show, label, finish", false, false, add_evals_commands},
    {"providers", "Configured model providers: list, check", false, false, add_providers_commands},
    {"index", "Local retrieval indexes (SQLite FTS5 + optional embeddings): add, list, query", false, false,
     add_index_commands},
    {"skew", "Compare eval inputs with production inputs: per-feature drift tests and a verdict", false, false,
     add_skew_command},
    {"ingest", "Store production inputs logged by another system (the current side of genops skew)", false, false,
     add_ingest_command},
    {"import", "Turn another tool's project into a genops project: promptfoo, Prompt flow", false, false,
     add_import_commands},
    {"view", "A local web UI over the store: prompts, runs, evals, compare, skew (127.0.0.1 only)", false, false,
     add_view_command},
    {"completion", "Print a shell completion script (bash or zsh)", false, true, add_completion_commands},
    {"__man", "Print the man page (roff); used by the build", true, true, add_completion_commands},
    {"__complete", "Print completion values of a kind, one per line", true, false, add_completion_commands},
};

void add_global_options(CLI::App& app, Context& ctx) {
  app.set_version_flag("--version", "genops " + version_text());
  app.add_option("--project", ctx.options.project_dir, "Project directory holding genops.yaml (default: search upwards)");
  app.add_option("--store", ctx.options.store, "Lineage store file (overrides genops.yaml and GENOPS_STORE)");
  app.require_subcommand(1);
  // --project and --store are read after any subcommand too: subcommands
  // created from here on hand the flags they do not know to their parent.
  app.fallthrough();
  app.footer(example({"genops init demo && cd demo", "genops prompt add prompts/*.yaml -m \"first version\"",
                      "genops prompt render support-answer --var question=\"How do I get a refund?\""}));
}

// What the command line asks for: no command, a known one, or anything else
// (an unknown command or option before it), which gets the full table.
enum class Wanted { none, one, all };

Wanted wanted_command(const std::vector<std::string>& args, const TopCommand*& named) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--project" || arg == "--store") {
      ++i;  // its value
    } else if (core::starts_with(arg, "--project=") || core::starts_with(arg, "--store=") || arg == "--help" ||
               arg == "-h" || arg == "--version") {
      continue;
    } else if (arg.empty() || arg[0] == '-') {
      return Wanted::all;
    } else {
      for (const auto& command : k_commands) {
        if (arg != command.name) continue;
        named = &command;
        return command.reads_whole_table ? Wanted::all : Wanted::one;
      }
      return Wanted::all;
    }
  }
  return Wanted::none;
}

void add_stub(CLI::App& app, const TopCommand& command) {
  auto* stub = app.add_subcommand(command.name, command.description);
  if (command.hidden) stub->group("");
}

}  // namespace

void register_all_commands(CLI::App& app, Context& ctx) {
  add_global_options(app, ctx);
  Builder last = nullptr;
  for (const auto& command : k_commands) {
    if (command.build != last) command.build(app, ctx);
    last = command.build;
  }
}

void register_commands(CLI::App& app, Context& ctx, const std::vector<std::string>& args) {
  const TopCommand* named = nullptr;
  const Wanted wanted = wanted_command(args, named);
  if (wanted == Wanted::all) return register_all_commands(app, ctx);
  add_global_options(app, ctx);
  std::set<std::string> added;
  for (const auto& command : k_commands) {
    if (added.count(command.name)) continue;
    if (named && command.build == named->build) {
      command.build(app, ctx);
      for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) added.insert(sub->get_name());
    } else {
      add_stub(app, command);
      added.insert(command.name);
    }
  }
}

}  // namespace genops::cli
