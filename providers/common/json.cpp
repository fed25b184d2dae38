#include "providers/common/json.hpp"

#include <cstdint>

#include "core/json.hpp"
#include "core/strings.hpp"
#include "core/utf8.hpp"

namespace genops::providers::common {

core::Expected<nlohmann::json> parse_json(std::string_view text, std::size_t max_depth) {
  // Output cut by max_tokens can end mid-character; keep it, as U+FFFD.
  if (core::utf8::is_valid(text)) return core::parse_json(text, max_depth);
  return core::parse_json(core::utf8::repair(text), max_depth);
}

std::string dump_json(const nlohmann::json& value) { return core::dump_json(value); }

std::string string_at(const nlohmann::json& value, std::string_view key) {
  if (!value.is_object()) return "";
  auto it = value.find(key);
  if (it == value.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

std::int64_t int_at(const nlohmann::json& value, std::string_view key) {
  if (!value.is_object()) return -1;
  auto it = value.find(key);
  if (it == value.end() || !it->is_number()) return -1;
  return it->get<std::int64_t>();
}

}  // namespace genops::providers::common

namespace genops::providers::common {

core::Expected<nlohmann::json> parse_reply(std::string_view body) {
  if (body.empty()) return core::unexpected("malformed reply: empty body");
  auto parsed = parse_json(body);
  if (!parsed) return core::unexpected("malformed reply: " + parsed.error());
  return parsed;
}

}  // namespace genops::providers::common
