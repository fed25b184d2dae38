#pragma once
// What `genops` prints for a command line it cannot parse: the parser's
// message, a did-you-mean for each argument it could not place (an unknown
// command among the known ones, an unknown flag among the flags that command
// takes) and where the help is.
#include <CLI/CLI.hpp>

namespace genops::cli {

// Prints the usage error for `e`, raised while parsing into `app`, on stderr
// and returns the usage exit code (2).
int usage_error(const CLI::ParseError& e, const CLI::App& app);

}  // namespace genops::cli
