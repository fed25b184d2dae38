#include "cli/app.hpp"

#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/context.hpp"
#include "cli/usage_error.hpp"
#include "cli/output.hpp"
#include "cli/version.hpp"
#include "core/error.hpp"
#include "core/redact.hpp"

namespace genops::cli {

std::string example(std::initializer_list<const char*> lines) {
  std::string out = "\nExample:";
  for (const char* line : lines) out += std::string("\n  ") + line;
  return out;
}

namespace {

void build(CLI::App& app, Context& ctx) {
  app.set_version_flag("--version", "genops " + version_text());
  app.add_option("--project", ctx.options.project_dir, "Project directory holding genops.yaml (default: search upwards)");
  app.add_option("--store", ctx.options.store, "Lineage store file (overrides genops.yaml and GENOPS_STORE)");
  app.require_subcommand(1);
  // --project and --store are read after any subcommand too: subcommands
  // created from here on hand the flags they do not know to their parent.
  app.fallthrough();
  app.footer(example({"genops init demo && cd demo", "genops prompt add prompts/*.yaml -m \"first version\"",
                      "genops prompt render support-answer --var question=\"How do I get a refund?\""}));

  add_init_command(app, ctx);
  auto* prompt = app.add_subcommand("prompt", "Versioned prompt templates: add, list, show, log, label, render, diff");
  prompt->require_subcommand(1);
  prompt->footer(example({"genops prompt add prompts/support-answer.yaml -m \"tighter tone\" --label production",
                          "genops prompt diff support-answer@1 support-answer@2"}));
  add_prompt_add_command(*prompt, ctx);
  add_prompt_query_commands(*prompt, ctx);
  add_prompt_label_command(*prompt, ctx);
  add_prompt_render_command(*prompt, ctx);
  add_prompt_diff_command(*prompt, ctx);
  add_config_commands(app, ctx);
  add_store_commands(app, ctx);
  add_chain_commands(app, ctx);
  add_run_command(app, ctx);
  add_runs_commands(app, ctx);
  add_score_command(app, ctx);
  add_eval_command(app, ctx);
  add_evals_commands(app, ctx);
  add_providers_commands(app, ctx);
  add_index_commands(app, ctx);
  add_skew_command(app, ctx);
  add_ingest_command(app, ctx);
  add_import_commands(app, ctx);
  add_view_command(app, ctx);
  add_completion_commands(app, ctx);
}

int run_command_line(int argc, char** argv) {
  Context ctx;
  CLI::App app{"genops: versioned prompts, chains, evals and skew checks for LLM features", "genops"};
  try {
    build(app, ctx);
    app.parse(argc, argv);
    return 0;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    return usage_error(e, app);
  } catch (const core::Error& e) {
    // Stopped because stdout failed: OutputGuard::finish prints the one line.
    if (stdout_failed() && e.kind() == core::ErrorKind::interrupted) return core::exit_code(e.kind());
    std::cerr << core::redact(e.format());
    return core::exit_code(e.kind());
  } catch (const std::exception& e) {
    std::cerr << "genops: internal error: " << core::redact(e.what()) << "\n  hint: this is a bug; please report it\n";
    return core::exit_code(core::ErrorKind::internal);
  }
}

}  // namespace

int run(int argc, char** argv) {
  // Outlives the context: nothing the command prints escapes the sink.
  OutputGuard output;
  return output.finish(run_command_line(argc, argv));
}

}  // namespace genops::cli
