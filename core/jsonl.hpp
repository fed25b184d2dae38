#pragma once
// The one JSONL reader, on top of the bounded LineReader: every file of one
// JSON object per line (datasets, batch inputs, metric rows, imported tests)
// is read through it. Blank lines (spaces, tabs, CR) are skipped everywhere;
// each caller words its own messages and hints from what went wrong.
#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/line_reader.hpp"

namespace genops::core {

// One non-blank line of a JSONL file.
struct JsonlRecord {
  enum class Status {
    object,      // `value` is the line's JSON object
    too_long,    // longer than the limit; `problem` says so ("line longer than the limit of 16 MiB")
    not_json,    // `problem` is the parser's message
    not_object,  // valid JSON but no object; `value` holds it
  };
  Status status = Status::object;
  std::int64_t line = 0;  // 1-based
  nlohmann::json value;
  std::string problem;
  std::string text;  // the raw line (without '\n'); empty when too long
};

class JsonlReader {
 public:
  // Reads `in` (which must outlive the reader); a line may hold `max_line_bytes`.
  explicit JsonlReader(std::istream& in, std::size_t max_line_bytes = k_default_max_line_bytes);

  // The next non-blank line, parsed; nullopt at the end of input. Reading may
  // go on after a bad line.
  std::optional<JsonlRecord> next();

  // The next non-blank line unparsed (status object or too_long, `text` and
  // `line` set), for callers with a parser of their own; nullopt at the end.
  std::optional<JsonlRecord> next_line();

  std::size_t max_line_bytes() const { return m_lines.max_line_bytes(); }

 private:
  LineReader m_lines;
};

}  // namespace genops::core
