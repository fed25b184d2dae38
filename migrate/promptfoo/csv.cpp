#include "migrate/promptfoo/csv.hpp"

#include "core/error.hpp"

namespace genops::migrate::promptfoo {

std::vector<CsvRow> parse_csv(std::string_view text, const std::string& name) {
  std::vector<CsvRow> rows;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM
  int line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    CsvRow row;
    row.line = line;
    std::string field;
    bool quoted = false, was_quoted = false;
    int quote_line = line;
    for (; i < text.size(); ++i) {
      char c = text[i];
      if (quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
        else if (c == '"') quoted = false;
        else { if (c == '\n') ++line; field += c; }
      } else if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
        quote_line = line;
      } else if (c == ',') {
        row.fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        break;
      } else {
        field += c;
      }
    }
    if (quoted) core::fail_input(name + ":" + std::to_string(quote_line) + ": unterminated quoted field",
                                 {"close the quote with \" (a quote inside a quoted field is written \"\")"});
    row.fields.push_back(std::move(field));
    if (row.fields.size() == 1 && row.fields[0].empty()) continue;  // a blank line
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace genops::migrate::promptfoo
