#pragma once
// genops(1) in roff, generated from the command table at build time
// (`genops __man`), so the man page never drifts from --help.
#include <string>

#include "cli/command_tree.hpp"

namespace genops::cli {

// The whole man page for `root` (the genops app), version `version`.
std::string render_man_page(const CommandNode& root, const std::string& version);

}  // namespace genops::cli
