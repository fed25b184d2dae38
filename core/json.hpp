#pragma once
// Parsing untrusted JSON safely: nesting past a depth limit is rejected while
// parsing (copying or dumping very deep documents crashes nlohmann_json 3.11.2,
// docs/reliability.md), and errors name the byte offset.
#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/expected.hpp"

namespace genops::core {

inline constexpr std::size_t k_max_json_depth = 64;

// The parsed value, or a message like "invalid JSON at byte 12: ..." /
// "JSON nested deeper than 64 levels".
Expected<nlohmann::json> parse_json(std::string_view text, std::size_t max_depth = k_max_json_depth);

// dump() that never throws on invalid UTF-8 (replaced by U+FFFD).
std::string dump_json(const nlohmann::json& value, int indent = -1);

}  // namespace genops::core
