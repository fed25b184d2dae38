#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli/command_registry.hpp"
#include "cli/command_tree.hpp"

using namespace genops::cli;

namespace {

std::vector<const CLI::App*> top_commands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

// A command is built when it has options of its own (beyond --help) or subcommands.
bool built(const CLI::App& command) {
  return command.get_options().size() > 1 || !top_commands(command).empty();
}

std::vector<std::string> built_commands(const std::vector<std::string>& args) {
  Context ctx;
  CLI::App app{"genops", "genops"};
  register_commands(app, ctx, args);
  std::vector<std::string> names;
  for (const auto* command : top_commands(app))
    if (built(*command)) names.push_back(command->get_name());
  return names;
}

}  // namespace

TEST_CASE("cli::register_commands: the stubs show what the full commands show, in the same order") {
  Context full_ctx;
  CLI::App full{"genops", "genops"};
  register_all_commands(full, full_ctx);
  Context stub_ctx;
  CLI::App stubs{"genops", "genops"};
  register_commands(stubs, stub_ctx, {"--version"});

  const auto expected = top_commands(full);
  const auto found = top_commands(stubs);
  REQUIRE(found.size() == expected.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    CAPTURE(expected[i]->get_name());
    CHECK(found[i]->get_name() == expected[i]->get_name());
    CHECK(found[i]->get_description() == expected[i]->get_description());
    CHECK(found[i]->get_group() == expected[i]->get_group());
    CHECK_FALSE(built(*found[i]));
  }
  CHECK(stubs.help() == full.help());
  CHECK(stubs.get_options().size() == full.get_options().size());
}

TEST_CASE("cli::register_commands: a command line builds only the command it names") {
  CHECK(built_commands({"prompt", "list"}) == std::vector<std::string>{"prompt"});
  CHECK(built_commands({"--store", "eval", "runs", "list"}) == std::vector<std::string>{"runs"});
  CHECK(built_commands({"--project=p", "eval", "--help"}) == std::vector<std::string>{"eval"});
  // One function builds completion and the two hidden commands the scripts call.
  CHECK(built_commands({"__complete", "prompts"}) == std::vector<std::string>{"completion", "__complete"});
  CHECK(built_commands({"--version"}).empty());
  CHECK(built_commands({}).empty());
}

TEST_CASE("cli::register_commands: the whole table for completion, the man page, an unknown command or option") {
  Context ctx;
  CLI::App full{"genops", "genops"};
  register_all_commands(full, ctx);
  std::vector<std::string> all;
  for (const auto* command : top_commands(full))
    if (built(*command)) all.push_back(command->get_name());
  CHECK(all.size() > 15);
  CHECK(built_commands({"completion", "bash"}) == all);
  CHECK(built_commands({"__man"}) == all);
  CHECK(built_commands({"promt", "list"}) == all);
  CHECK(built_commands({"--verbose", "prompt", "list"}) == all);
}
