#pragma once
// Writing YAML: JSON values as block-style YAML that core/yaml reads back to
// the same JSON (strings that would read as numbers, booleans or null are
// quoted; multi-line strings are literal blocks with the right chomping).
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace genops::core::yaml {

// Comment lines to write before a value, keyed by the value's JSON pointer
// ("/tests/0/assert/1"); "" is a header above the whole document. A comment may
// hold several lines; each is written as "# line".
using Comments = std::map<std::string, std::string>;

// The YAML text of `value` (keys in insertion order, two-space indentation,
// ending in a newline). Never throws for any JSON value.
std::string emit_yaml(const nlohmann::ordered_json& value, const Comments& comments = {});

}  // namespace genops::core::yaml
