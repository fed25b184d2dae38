#include "cli/app.hpp"

#include <iostream>

#include "cli/command_registry.hpp"
#include "cli/commands/commands.hpp"
#include "cli/context.hpp"
#include "cli/usage_error.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/redact.hpp"

namespace genops::cli {

std::string example(std::initializer_list<const char*> lines) {
  std::string out = "\nExample:";
  for (const char* line : lines) out += std::string("\n  ") + line;
  return out;
}

namespace {

int run_command_line(int argc, char** argv) {
  Context ctx;
  CLI::App app{"genops: versioned prompts, chains, evals and skew checks for LLM features", "genops"};
  try {
    register_commands(app, ctx, std::vector<std::string>(argv + (argc > 0 ? 1 : 0), argv + argc));
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
