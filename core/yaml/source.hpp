#pragma once
// Source-line helpers for located messages (internal to core/yaml).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace genops::core::yaml {

// The 1-based column, in characters (UTF-8 code points), of byte `byte_col`
// of `line`; an invalid byte counts as one character.
int char_column(std::string_view line, std::size_t byte_col);

// The two context lines of a located error: `line` indented by 4 spaces, and a
// caret under 1-based character `column`. Leading spaces are dropped, long
// lines are cut around the caret, and control or invalid bytes print as '?'.
std::vector<std::string> render_context(std::string_view line, int column);

}  // namespace genops::core::yaml
