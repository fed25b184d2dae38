#pragma once
// The one error type of genops and the exit-code table (docs/errors.md).
#include <stdexcept>
#include <string>
#include <vector>

namespace genops::core {

// What went wrong, at the granularity of the exit-code table.
enum class ErrorKind {
  usage,          // 2: unknown flag, missing argument
  invalid_input,  // 3: bad YAML, unknown key, undeclared variable, missing file
  provider,       // 4: provider failure after retries
  storage,        // 5: cannot open, migrate or write the store
  check_failed,   // 1: ran correctly but a check failed (gate, skew)
  internal,       // 70: a bug
  interrupted,    // 130: SIGINT/SIGTERM
};

// The process exit code for an error kind.
int exit_code(ErrorKind kind);

// Thrown by everything above the leaf parsers; caught once, in cli::run.
// `message` is "<where>: <what>"; `context` holds preformatted lines (a source
// line and its caret); `hints` are suggestions printed as "  hint: ..." lines.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, std::vector<std::string> hints = {},
        std::vector<std::string> context = {});

  ErrorKind kind() const { return m_kind; }
  const std::vector<std::string>& hints() const { return m_hints; }
  const std::vector<std::string>& context() const { return m_context; }

  // The whole diagnostic as printed: "genops: error: ...", context, hints.
  std::string format() const;

 private:
  ErrorKind m_kind;
  std::vector<std::string> m_hints;
  std::vector<std::string> m_context;
};

// Shorthands for the common kinds.
[[noreturn]] void fail_input(std::string message, std::vector<std::string> hints = {});
[[noreturn]] void fail_storage(std::string message, std::vector<std::string> hints = {});
[[noreturn]] void fail_usage(std::string message, std::vector<std::string> hints = {});

}  // namespace genops::core
