#include "providers/common/json.hpp"

#include <cstdint>

#include "core/json.hpp"
#include "core/strings.hpp"

namespace genops::providers::common {

namespace {

// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid.
std::size_t valid_sequence_length(std::string_view text, std::size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1Fu; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0Fu; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07u; }
  else return 0;
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return len;
}

}  // namespace

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = valid_sequence_length(text, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

core::Expected<nlohmann::json> parse_json(std::string_view text, std::size_t max_depth) {
  // Output cut by max_tokens can end mid-character; keep it, as U+FFFD.
  if (core::is_valid_utf8(text)) return core::parse_json(text, max_depth);
  return core::parse_json(repair_utf8(text), max_depth);
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
