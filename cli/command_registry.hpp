#pragma once
// How the commands get onto the CLI11 app (issue 14, start-up). Building every
// command with all its options costs more than the rest of a short command, so
// only the top-level command the command line names is built in full; every
// other one is a stub with its name, description and group, which is all the
// top-level --help, its usage errors and "did you mean" read. A command line
// that names no command (--version, --help) builds only stubs; one whose
// command is unknown, or that reads the whole table (completion, __man),
// builds everything, so every output stays what the full table prints.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/context.hpp"

namespace genops::cli {

// Registers genops' global options and commands on `app` for the command line
// `args` (argv without the program name), as described above.
void register_commands(CLI::App& app, Context& ctx, const std::vector<std::string>& args);

// Registers every command in full (what `args` naming `completion` does).
void register_all_commands(CLI::App& app, Context& ctx);

}  // namespace genops::cli
