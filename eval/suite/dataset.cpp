#include "eval/suite/dataset.hpp"

#include <fstream>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "core/jsonl.hpp"
#include "core/spool.hpp"
#include "core/strings.hpp"

namespace genops::eval {

namespace {

constexpr std::size_t k_max_row_bytes = core::k_default_max_line_bytes;

enum class Format { jsonl, csv, tsv };

Format format_of(const std::filesystem::path& path, const std::string& name) {
  std::string ext = path.extension().string();
  if (ext.empty() && core::is_stream_file(path)) return Format::jsonl;  // a pipe: /dev/stdin, <(...)
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return Format::jsonl;
  if (ext == ".csv") return Format::csv;
  if (ext == ".tsv") return Format::tsv;
  core::fail_input(name + ": unknown dataset format \"" + ext + "\"",
                   {"use a .jsonl file (one JSON object per line) or a .csv file with a header row"});
}

}  // namespace

struct DatasetReader::Impl {
  std::filesystem::path path;
  std::string name;
  Format format = Format::jsonl;
  std::ifstream in;
  std::unique_ptr<core::JsonlReader> rows;  // JSONL
  std::int64_t line = 0;   // lines consumed so far
  std::int64_t index = 0;  // rows returned so far
  std::vector<std::string> columns;
  std::size_t max_row_bytes = k_max_row_bytes;

  [[noreturn]] void fail_at(std::int64_t at, const std::string& what, std::vector<std::string> hints = {}) const {
    core::fail_input(name + ":" + std::to_string(at) + ": " + what, std::move(hints));
  }

  std::optional<DatasetLine> next_line() {
    auto record = rows->next_line();
    if (!record) return std::nullopt;
    line = record->line;
    if (record->status == core::JsonlRecord::Status::too_long)
      fail_at(line, record->problem, {"each line holds one case; keep large texts out of the dataset"});
    return DatasetLine{std::move(record->text), line, index++};
  }

  DatasetRow parse(DatasetLine raw) const {
    auto parsed = core::parse_json(raw.text);
    if (!parsed) fail_at(raw.line, parsed.error(), {"each line must hold one JSON object"});
    if (!parsed->is_object())
      fail_at(raw.line, "expected a JSON object, got " + std::string(parsed->type_name()),
              {"each line must hold one JSON object such as {\"question\": \"...\", \"expected\": \"...\"}"});
    return DatasetRow{std::move(*parsed), raw.line, raw.index};
  }

  std::optional<DatasetRow> next_jsonl() {
    auto raw = next_line();
    if (!raw) return std::nullopt;
    return parse(std::move(*raw));
  }

  // One CSV record (fields may span lines inside quotes); nullopt at the end.
  std::optional<std::vector<std::string>> read_record(std::int64_t& start_line) {
    const char sep = format == Format::tsv ? '\t' : ',';
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false, any = false, was_quoted = false;
    std::size_t bytes = 0;
    start_line = line + 1;
    int c;
    while ((c = in.get()) != EOF) {
      any = true;
      if (++bytes > max_row_bytes)
        fail_at(start_line, "row longer than the limit of " + core::describe_byte_limit(max_row_bytes));
      if (quoted) {
        if (c == '"') {
          if (in.peek() == '"') {
            in.get();
            field += '"';
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line;
          field += static_cast<char>(c);
        }
        continue;
      }
      if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == sep) {
        fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (c == '\n') {
        ++line;
        if (!field.empty() && field.back() == '\r') field.pop_back();
        fields.push_back(std::move(field));
        return fields;
      } else if (was_quoted && c != '\r') {
        fail_at(start_line, "unexpected character after a closing quote",
                {"inside a quoted field write a quote as two quotes (\"\")"});
      } else {
        field += static_cast<char>(c);
      }
    }
    if (quoted) fail_at(start_line, "unterminated quoted field", {"close the quote, or write a quote inside a field as \"\""});
    if (!any) return std::nullopt;
    ++line;
    if (!field.empty() && field.back() == '\r') field.pop_back();
    fields.push_back(std::move(field));
    return fields;
  }

  static bool blank(const std::vector<std::string>& fields) { return fields.size() == 1 && fields[0].empty(); }

  void read_header() {
    std::int64_t at = 0;
    auto header = read_record(at);
    while (header && blank(*header)) header = read_record(at);
    if (!header) return;
    if (!header->empty() && (*header)[0].rfind("\xEF\xBB\xBF", 0) == 0) (*header)[0].erase(0, 3);
    for (std::size_t i = 0; i < header->size(); ++i) {
      const std::string& column = (*header)[i];
      if (column.empty()) fail_at(at, "column " + std::to_string(i + 1) + " of the header row has no name");
      for (std::size_t j = 0; j < i; ++j)
        if ((*header)[j] == column) fail_at(at, "column " + core::quote(column) + " appears twice in the header row");
    }
    columns = std::move(*header);
  }

  std::optional<DatasetRow> next_csv() {
    std::int64_t at = 0;
    while (auto fields = read_record(at)) {
      if (blank(*fields)) continue;
      if (fields->size() != columns.size())
        fail_at(at, "expected " + std::to_string(columns.size()) + " fields as in the header row, got " +
                        std::to_string(fields->size()),
                {"quote a field that holds the separator, e.g. \"a, b\""});
      nlohmann::json row = nlohmann::json::object();
      for (std::size_t i = 0; i < columns.size(); ++i) row[columns[i]] = std::move((*fields)[i]);
      return DatasetRow{std::move(row), at, index++};
    }
    return std::nullopt;
  }
};

DatasetReader::DatasetReader(const std::filesystem::path& path, const std::filesystem::path& origin,
                             std::size_t max_row_bytes)
    : m_impl(std::make_unique<Impl>()) {
  const auto& named = origin.empty() ? path : origin;
  m_impl->path = path;
  m_impl->name = core::display_path(named);
  m_impl->format = format_of(named, m_impl->name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) && !core::is_stream_file(path))
    core::fail_input(m_impl->name + ": no such file");
  m_impl->in.open(path, std::ios::binary);
  if (!m_impl->in) core::fail_input(m_impl->name + ": cannot open the file");
  m_impl->max_row_bytes = max_row_bytes;
  m_impl->rows = std::make_unique<core::JsonlReader>(m_impl->in, max_row_bytes);
  if (m_impl->format != Format::jsonl) {
    m_impl->read_header();
    if (m_impl->columns.empty()) core::fail_input(m_impl->name + ": the file is empty; expected a header row");
  }
}

DatasetReader::~DatasetReader() = default;

std::optional<DatasetRow> DatasetReader::next() {
  return m_impl->format == Format::jsonl ? m_impl->next_jsonl() : m_impl->next_csv();
}

std::optional<DatasetLine> DatasetReader::next_line() { return m_impl->next_line(); }
DatasetRow DatasetReader::parse_line(DatasetLine line) const { return m_impl->parse(std::move(line)); }
bool DatasetReader::is_jsonl() const { return m_impl->format == Format::jsonl; }

const std::vector<std::string>& DatasetReader::columns() const { return m_impl->columns; }
const std::filesystem::path& DatasetReader::path() const { return m_impl->path; }
const std::string& DatasetReader::name() const { return m_impl->name; }

}  // namespace genops::eval
