#pragma once
// Safe handling of untrusted JSON (provider replies, mock files): a
// depth-limited parse after UTF-8 repair (core::utf8::repair), and a dump that never throws on bad UTF-8.
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/expected.hpp"

namespace genops::providers::common {

inline constexpr std::size_t k_max_json_depth = 64;

// core::parse_json() (depth-limited, located errors) after repairing invalid
// UTF-8 to U+FFFD, so model output cut mid-character still parses.
core::Expected<nlohmann::json> parse_json(std::string_view text, std::size_t max_depth = k_max_json_depth);

// Compact JSON text; invalid UTF-8 inside strings becomes U+FFFD (core::dump_json).
std::string dump_json(const nlohmann::json& value);

// The string at `value[key]`, or "" when absent or not a string.
std::string string_at(const nlohmann::json& value, std::string_view key);

// The integer at `value[key]`, or -1 when absent or not a number.
std::int64_t int_at(const nlohmann::json& value, std::string_view key);

}  // namespace genops::providers::common

namespace genops::providers::common {

// Parses a provider's reply body; the error reads "malformed reply: <why>".
core::Expected<nlohmann::json> parse_reply(std::string_view body);

}  // namespace genops::providers::common
