#pragma once
// Shell completion scripts generated from the command table: subcommands and
// flags come from the tree; values that live in the store (prompt names and
// labels, eval names, run ids) are asked of `genops __complete KIND` when Tab
// is pressed, so they are always current.
#include <string>

#include "cli/command_tree.hpp"

namespace genops::cli {

enum class Shell { bash, zsh };

// The completion script for `shell`; throws Error(usage) for neither.
std::string render_completion_script(const CommandNode& root, Shell shell);

// The kind of value a command's positional arguments take, for completion:
// "prompts", "runs", "evals", "eval-runs", "indexes", "providers", or "" for files.
std::string positional_value_kind(const std::string& command_path);

}  // namespace genops::cli
