#include "chains/row_source.hpp"

#include <fstream>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "core/line_reader.hpp"
#include "core/spool.hpp"

namespace genops::chains {

namespace {

struct JsonlReader {
  std::ifstream in;
  std::string name;
  core::LineReader lines{in};

  std::optional<Row> next() {
    std::string line;
    while (true) {
      auto status = lines.next(line);
      if (status == core::LineReader::Status::end) return std::nullopt;
      std::string where = name + ":" + std::to_string(lines.line_number());
      if (status == core::LineReader::Status::too_long)
        return Row{RowError{where + ": line longer than the limit of " + core::describe_byte_limit(lines.max_line_bytes())}};
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      auto parsed = core::parse_json(line);
      if (!parsed) return Row{RowError{where + ": " + parsed.error()}};
      if (!parsed->is_object()) return Row{RowError{where + ": expected a JSON object of inputs, got " + std::string(parsed->type_name())}};
      return Row{std::move(*parsed)};
    }
  }
};

}  // namespace

RowSource open_jsonl_rows(const std::filesystem::path& path) {
  auto reader = std::make_shared<JsonlReader>();
  reader->name = core::display_path(path);
  std::error_code ec;
  // A pipe (<(...), /dev/stdin) is read once, as it comes.
  if (!std::filesystem::is_regular_file(path, ec) && !core::is_stream_file(path))
    core::fail_input(reader->name + ": no such file");
  reader->in.open(path, std::ios::binary);
  if (!reader->in) core::fail_input(reader->name + ": cannot open the file");
  return [reader] { return reader->next(); };
}

RowSource single_row(nlohmann::json row) {
  auto pending = std::make_shared<std::optional<nlohmann::json>>(std::move(row));
  return [pending]() -> std::optional<Row> {
    if (!*pending) return std::nullopt;
    Row r{std::move(**pending)};
    pending->reset();
    return r;
  };
}

}  // namespace genops::chains
