#pragma once
// The genops command line: the command table and the one catch site.

namespace genops::cli {

// Parses the arguments, runs the command and returns the process exit code
// from the table in docs/errors.md. Never throws.
int run(int argc, char** argv);

}  // namespace genops::cli
