#include "chains/row_source.hpp"

#include <fstream>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"

namespace genops::chains {

namespace {

constexpr std::size_t k_max_line_bytes = 16 * 1024 * 1024;

struct JsonlReader {
  std::ifstream in;
  std::string name;
  std::size_t line_number = 0;

  std::optional<Row> next() {
    std::string line;
    while (std::getline(in, line)) {
      ++line_number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      std::string where = name + ":" + std::to_string(line_number);
      if (line.size() > k_max_line_bytes) return Row{RowError{where + ": line longer than 16 MiB"}};
      auto parsed = core::parse_json(line);
      if (!parsed) return Row{RowError{where + ": " + parsed.error()}};
      if (!parsed->is_object()) return Row{RowError{where + ": expected a JSON object of inputs, got " + std::string(parsed->type_name())}};
      return Row{std::move(*parsed)};
    }
    return std::nullopt;
  }
};

}  // namespace

RowSource open_jsonl_rows(const std::filesystem::path& path) {
  auto reader = std::make_shared<JsonlReader>();
  reader->name = core::display_path(path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) core::fail_input(reader->name + ": no such file");
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
