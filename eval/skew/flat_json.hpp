#pragma once
// A fast path for skew's commonest input: one JSON object per line whose
// values are strings, numbers, booleans or null. It reads the line in place,
// builds no DOM and allocates nothing per field; anything else (a nested
// value, a duplicate key, invalid UTF-8, a lone surrogate, bad syntax) is
// declined so that the caller parses the line with nlohmann as before, which
// then yields the very same values, or the very same error.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace genops::eval::skew {

enum class FlatType : std::uint8_t { string, number, boolean, null };

struct FlatField {
  std::string_view key;    // unescaped
  FlatType type = FlatType::null;
  std::string_view value;  // strings: the unescaped text; others: the token as written
};

// Scans `line` as a flat JSON object into `fields` (cleared first). Unescaped
// keys and strings that contain escapes live in `scratch`, so the views stay
// valid until the next call with the same scratch. Returns false, leaving
// `fields` unspecified, for anything the fast path does not take.
bool scan_flat_object(std::string_view line, std::vector<FlatField>& fields, std::string& scratch);

// The JSON value of a non-string field, as nlohmann would have parsed it.
nlohmann::json flat_value(const FlatField& field);

}  // namespace genops::eval::skew
