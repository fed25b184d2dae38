#pragma once
// Leaf parsers for scalar text, shared by the YAML nodes and command-line
// flags. Each returns the value or a message naming the bad text, without a
// location; the caller adds where it was.
#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/expected.hpp"

namespace genops::core::yaml {

// A decimal integer with an optional sign: "42", "-7". Rejects "1.0", "0x1f", "1_000".
Expected<std::int64_t> parse_int(std::string_view text);

// A finite decimal number: "3", "-0.5", "1e-3", ".5".
Expected<double> parse_double(std::string_view text);

// Exactly "true" or "false".
Expected<bool> parse_bool(std::string_view text);

// A non-negative duration: a number with unit ms, s, m or h ("500ms", "1.5s",
// "2m", "1h"), or a plain number of seconds ("30"). Rounded to milliseconds.
Expected<std::chrono::milliseconds> parse_duration(std::string_view text);

// Whether unquoted `text` reads as a number (for "got a number" in messages).
bool is_number(std::string_view text);

}  // namespace genops::core::yaml
