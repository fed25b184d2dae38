#pragma once
// The command table as plain data: every visible command with its options,
// positionals and example, read from the CLI11 app. The man page, the shell
// completion scripts and their tests are generated from it, so none of them
// can drift from `--help`.
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace genops::cli {

struct CommandOption {
  std::vector<std::string> names;  // "--label", "-m"; empty for a positional
  std::string value_name;          // "FILE", "N"...; empty for a flag
  std::string description;
  bool positional = false;
  bool repeats = false;            // may be given more than once / takes several values
};

struct CommandNode {
  std::string name;         // "genops", "prompt", "add"
  std::string path;         // "genops prompt add"
  std::string description;
  std::string footer;       // the "Example:" block of --help
  std::vector<CommandOption> options;  // help/version flags left out
  std::vector<CommandNode> subcommands;
};

// The tree of `app` and its visible subcommands (hidden ones have an empty group).
CommandNode read_command_tree(const CLI::App& app);

// Every node of `root` in depth-first order, the root first.
std::vector<const CommandNode*> flatten(const CommandNode& root);

}  // namespace genops::cli
