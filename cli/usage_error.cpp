#include "cli/usage_error.hpp"

#include <iostream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/strings.hpp"

namespace genops::cli {

namespace {

// The last subcommand the parser entered, and "genops a b" naming it.
std::pair<const CLI::App*, std::string> deepest(const CLI::App& app) {
  const CLI::App* sub = &app;
  std::string path = "genops";
  while (true) {
    auto subs = sub->get_subcommands();
    if (subs.empty()) break;
    sub = subs.front();
    path += " " + sub->get_name();
  }
  return {sub, path};
}

// The long flags `sub` takes, its parents' included (they fall through).
std::vector<std::string> flags_of(const CLI::App& sub) {
  std::vector<std::string> flags;
  for (const CLI::App* a = &sub; a; a = a->get_parent()) {
    for (const auto* option : a->get_options()) {
      for (const auto& name : option->get_lnames()) flags.push_back("--" + name);
    }
  }
  return flags;
}

std::vector<std::string> commands_of(const CLI::App& sub) {
  std::vector<std::string> names;
  for (const auto* s : sub.get_subcommands([](const CLI::App*) { return true; })) names.push_back(s->get_name());
  return names;
}

}  // namespace

int usage_error(const CLI::ParseError& e, const CLI::App& app) {
  auto [sub, path] = deepest(app);
  const auto commands = commands_of(*sub);
  const auto flags = flags_of(*sub);
  std::string message = e.what();
  std::vector<std::string> hints;
  for (const auto& arg : app.remaining(true)) {
    if (core::starts_with(arg, "--")) {
      auto name = arg.substr(0, arg.find('='));
      if (auto match = core::closest_match(name, flags)) hints.push_back("did you mean " + *match + "?");
    } else if (!arg.empty() && arg[0] != '-' && !commands.empty()) {
      // A word where a command was expected.
      if (message == "A subcommand is required") message = "unknown command \"" + arg + "\"";
      if (auto match = core::closest_match(arg, commands)) hints.push_back("did you mean `" + path + " " + *match + "`?");
    }
  }
  std::cerr << "genops: error: " << message << '\n';
  for (const auto& hint : hints) std::cerr << "  hint: " << hint << '\n';
  std::cerr << "  hint: see " << path << " --help\n";
  return core::exit_code(core::ErrorKind::usage);
}

}  // namespace genops::cli
