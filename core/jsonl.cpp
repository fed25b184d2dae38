#include "core/jsonl.hpp"

#include "core/json.hpp"

namespace genops::core {

JsonlReader::JsonlReader(std::istream& in, std::size_t max_line_bytes) : m_lines(in, max_line_bytes) {}

std::optional<JsonlRecord> JsonlReader::next_line() {
  JsonlRecord record;
  while (true) {
    const auto status = m_lines.next(record.text);
    if (status == LineReader::Status::end) return std::nullopt;
    record.line = m_lines.line_number();
    if (status == LineReader::Status::too_long) {
      record.status = JsonlRecord::Status::too_long;
      record.problem = "line longer than the limit of " + describe_byte_limit(m_lines.max_line_bytes());
      record.text.clear();
      return record;
    }
    if (record.text.find_first_not_of(" \t\r") != std::string::npos) return record;
  }
}

std::optional<JsonlRecord> JsonlReader::next() {
  auto record = next_line();
  if (!record || record->status != JsonlRecord::Status::object) return record;
  auto parsed = parse_json(record->text);
  if (!parsed) {
    record->status = JsonlRecord::Status::not_json;
    record->problem = parsed.error();
    return record;
  }
  if (!parsed->is_object()) record->status = JsonlRecord::Status::not_object;
  record->value = std::move(*parsed);
  return record;
}

}  // namespace genops::core
