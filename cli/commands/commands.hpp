#pragma once
// Each command file registers its subcommands on the CLI11 app. The table
// of them is in cli/command_registry.cpp.
#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace genops::cli {

void add_init_command(CLI::App& app, Context& ctx);
void add_prompt_add_command(CLI::App& prompt, Context& ctx);
void add_prompt_query_commands(CLI::App& prompt, Context& ctx);   // list, show, log
void add_prompt_label_command(CLI::App& prompt, Context& ctx);
void add_prompt_render_command(CLI::App& prompt, Context& ctx);
void add_prompt_diff_command(CLI::App& prompt, Context& ctx);
void add_config_commands(CLI::App& app, Context& ctx);
void add_store_commands(CLI::App& app, Context& ctx);
void add_score_command(CLI::App& app, Context& ctx);
void add_eval_command(CLI::App& app, Context& ctx);
void add_providers_commands(CLI::App& app, Context& ctx);
void add_run_command(CLI::App& app, Context& ctx);
void add_chain_commands(CLI::App& app, Context& ctx);     // validate, graph
void add_runs_commands(CLI::App& app, Context& ctx);      // list, show, trace, export
void add_evals_commands(CLI::App& app, Context& ctx);     // list, show, label
void add_index_commands(CLI::App& app, Context& ctx);     // add, list, query
void add_skew_command(CLI::App& app, Context& ctx);
void add_ingest_command(CLI::App& app, Context& ctx);
void add_completion_commands(CLI::App& app, Context& ctx);  // completion, and the hidden __man, __complete
void add_import_commands(CLI::App& app, Context& ctx);      // import promptfoo
void add_view_command(CLI::App& app, Context& ctx);         // the local web UI (cli/view/)

// "Example:\n  <lines>" for a command's footer.
std::string example(std::initializer_list<const char*> lines);

}  // namespace genops::cli
