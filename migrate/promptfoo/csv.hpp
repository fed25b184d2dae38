#pragma once
// A small RFC 4180 reader for promptfoo's CSV test files: a header row, quoted
// fields with "" escapes and newlines inside quotes, CRLF or LF.
#include <string>
#include <string_view>
#include <vector>

namespace genops::migrate::promptfoo {

struct CsvRow {
  int line = 0;                     // 1-based line the row starts on
  std::vector<std::string> fields;
};

// Every row, the header first. Throws Error(invalid_input) naming `name` and
// the line for an unterminated quote.
std::vector<CsvRow> parse_csv(std::string_view text, const std::string& name);

}  // namespace genops::migrate::promptfoo
