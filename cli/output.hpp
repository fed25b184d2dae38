#pragma once
// How commands print: data on stdout, diagnostics on stderr, colour only on
// a terminal and never with NO_COLOR, tables aligned by display width.
//
// Every byte the process writes to stdout or stderr goes through one sink
// (OutputGuard installs it under std::cout and std::cerr): it passes
// core::redact line by line, writes with checked write(2) calls, and turns
// a failed stdout (closed pipe, closed descriptor, full disk) into a stop
// request that long commands poll like Ctrl-C (cli/interrupt.hpp).
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace genops::cli {

enum class Colour { red, green, yellow, cyan, bold, dim };

// Whether `stream` should get ANSI colour: a terminal, NO_COLOR unset, TERM not "dumb".
bool colour_enabled(std::FILE* stream);
// `text` wrapped in the colour's escape codes when `enabled`.
std::string paint(std::string_view text, Colour colour, bool enabled);

// Prints JSON (pretty, invalid UTF-8 replaced) with a final newline.
void print_json(const nlohmann::json& value);
// Prints rows as left-aligned columns separated by two spaces; the first row is the header.
void print_table(const std::vector<std::vector<std::string>>& rows);
// Prints a warning line "genops: warning: ..." on stderr.
void print_warning(std::string_view message);
// Prints a note line on stderr (progress, "nothing changed").
void print_note(std::string_view message);
// Writes `text` (redacted) to stderr at once, without waiting for a newline:
// a progress line redrawn with "\r".
void print_progress(std::string_view text);

// For the life of one command: routes std::cout and std::cerr through the
// redacting sink, ignores SIGPIPE (a closed pipe becomes a write error), and
// puts /dev/null on descriptors 0-2 when they are closed, so that no file the
// command opens (the store!) can become "stdout". One per process (cli::run).
class OutputGuard {
 public:
  OutputGuard();
  // Flushes what is left and gives std::cout and std::cerr their buffers back.
  ~OutputGuard();
  OutputGuard(const OutputGuard&) = delete;
  OutputGuard& operator=(const OutputGuard&) = delete;

  // Flushes stdout; when any write to it failed, prints the one stderr line
  // and returns the exit code of an interruption (130), else `code`.
  int finish(int code);
};

// Whether a write to stdout has failed (then nothing more is written to it).
// Thread-safe and cheap: long commands poll it.
bool stdout_failed();
// The stderr line for a failed stdout, e.g. "genops: error: stdout: cannot
// write: Broken pipe; finished work is saved". Empty when nothing failed.
std::string stdout_failure_line();

}  // namespace genops::cli
