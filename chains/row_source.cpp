#include "chains/row_source.hpp"

#include <fstream>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/jsonl.hpp"
#include "core/spool.hpp"

namespace genops::chains {

namespace {

struct JsonlRows {
  std::ifstream in;
  std::string name;
  core::JsonlReader rows{in};

  std::optional<Row> next() {
    auto record = rows.next();
    if (!record) return std::nullopt;
    std::string where = name + ":" + std::to_string(record->line);
    using Status = core::JsonlRecord::Status;
    switch (record->status) {
      case Status::object: return Row{std::move(record->value)};
      case Status::not_object:
        return Row{RowError{where + ": expected a JSON object of inputs, got " + std::string(record->value.type_name())}};
      case Status::too_long:
      case Status::not_json: break;
    }
    return Row{RowError{where + ": " + record->problem}};
  }
};

}  // namespace

RowSource open_jsonl_rows(const std::filesystem::path& path) {
  auto reader = std::make_shared<JsonlRows>();
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
