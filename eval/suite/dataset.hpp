#pragma once
// A dataset file read row by row, never whole: JSONL (one object per line,
// blank lines skipped) or CSV (RFC 4180: a header row, quoted fields with
// "" escapes and embedded newlines). Used by evals and by `genops skew`.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genops::eval {

struct DatasetRow {
  nlohmann::json values;   // an object: column -> value (CSV values are strings)
  std::int64_t line = 0;   // 1-based line where the row starts
  std::int64_t index = 0;  // 0-based row number
};

// One JSONL line not parsed yet.
struct DatasetLine {
  std::string text;
  std::int64_t line = 0;   // 1-based
  std::int64_t index = 0;  // 0-based row number
};

class DatasetReader {
 public:
  // Opens `path`; the format follows the extension of `origin` (what the
  // user named, for messages; "" = `path`): .jsonl/.ndjson/.json lines, .csv,
  // .tsv; a pipe without one is JSONL. A row may hold `max_row_bytes`.
  // Throws Error(invalid_input) naming the file when it cannot be opened or
  // its extension is unknown.
  explicit DatasetReader(const std::filesystem::path& path, const std::filesystem::path& origin = {},
                         std::size_t max_row_bytes = 16 * 1024 * 1024);
  ~DatasetReader();
  DatasetReader(const DatasetReader&) = delete;
  DatasetReader& operator=(const DatasetReader&) = delete;

  // The next row, nullopt at the end. Throws Error(invalid_input)
  // "file:line: ..." for a line that is not a JSON object, a CSV row with
  // another number of fields than the header, an unterminated quote, or a
  // row over the limit (memory stays bounded by it).
  std::optional<DatasetRow> next();

  // JSONL only: the next non-blank line unparsed, for callers that parse
  // lines on worker threads (parse_line); counts as a row like next(). Throws
  // what next() throws for a line over the limit; nullopt at the end.
  std::optional<DatasetLine> next_line();
  // Parses a line from next_line() exactly as next() would have (the same
  // row, the same errors). Thread-safe: reads nothing that reading changes.
  DatasetRow parse_line(DatasetLine line) const;
  // Whether rows are JSONL lines (next_line() may be used).
  bool is_jsonl() const;

  // CSV: the header's columns; JSONL: empty.
  const std::vector<std::string>& columns() const;
  const std::filesystem::path& path() const;
  const std::string& name() const;  // the origin's display path, for messages

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace genops::eval
