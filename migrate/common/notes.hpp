#pragma once
// What an import could not carry over, and what it changed on the way: the
// unsupported items (exit 3 unless --skip-unsupported) and the notes written
// into the generated README.
#include <string>
#include <vector>

#include "core/yaml/document.hpp"

namespace genops::migrate {

// Where something was read: "promptfooconfig.yaml:12:5" and a field path "tests[2].assert[0]".
struct Location {
  std::string where;  // file:line:col, or file:line for CSV/JSONL rows
  std::string field;  // field path; "" when the whole file is meant
  // "where: field" (or just where).
  std::string format() const;
};

// The location of a located YAML node (file:line:col and its path).
Location locate(const core::yaml::Node& node);
// As locate(), with `field` replacing the node's own path.
Location locate(const core::yaml::Node& node, std::string field);

// A feature with no genops counterpart.
struct Unsupported {
  Location at;
  std::string what;     // "assertion type `javascript`"
  std::string instead;  // "an `exec` assertion running your script"
  // "file:line:col: field: <what> is not supported; use <instead>".
  std::string format() const;
};

struct Notes {
  std::vector<Unsupported> unsupported;
  std::vector<std::string> warnings;      // printed and written to the README (e.g. a literal apiKey left out)
  std::vector<std::string> translations;  // README: how something was translated
  void unsupported_item(Location at, std::string what, std::string instead);
  void warn(std::string text);
  void translated(std::string text);
};

// The README's translation list and its "Warnings" and "Left out" sections:
// each of `rules` (the importer's fixed rules) and then the notes' translations
// as bullets, the warnings, and the unsupported items (`left_out_tail` closes
// that section when it is not empty).
std::string notes_markdown(const Notes& notes, const std::vector<std::string>& rules, const std::string& left_out_tail);

}  // namespace genops::migrate
