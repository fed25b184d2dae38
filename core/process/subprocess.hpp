#pragma once
// Running one external program with a deadline: stdin fed and stdout/stderr
// drained through poll() (so neither side can block the other), in its own
// process group (a timeout kills the whole group), no descriptor but the
// three pipes inherited, always reaped.
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"

namespace genops::core::process {

struct SubprocessLimits {
  std::chrono::milliseconds timeout{30'000};
  std::size_t max_stdout_bytes = 16 * 1024 * 1024;  // more is an error
  std::size_t max_stderr_bytes = 64 * 1024;         // more keeps the tail
  // Polled about every 100 ms while the child runs; true kills it (its whole
  // group) at once. Empty: only the timeout ends it early.
  std::function<bool()> cancelled;
};

struct SubprocessResult {
  int exit_code = -1;       // when it exited
  int signal = 0;           // when a signal ended it (SIGKILL after a timeout)
  bool timed_out = false;
  bool cancelled = false;   // `cancelled` said so, and it was killed
  bool stdout_overflow = false;
  std::string out;
  std::string err;
};

// Runs argv (argv[0] looked up in this process's PATH when it has no '/') in
// `cwd` with `input` on stdin and exactly `environment` ("NAME=value" entries)
// as its environment. The error names why it could not start (no such
// program, no such directory); everything after the start is in the result.
core::Expected<SubprocessResult> run_subprocess(const std::vector<std::string>& argv, const std::string& cwd,
                                                const std::vector<std::string>& environment, std::string_view input,
                                                const SubprocessLimits& limits);

}  // namespace genops::core::process
