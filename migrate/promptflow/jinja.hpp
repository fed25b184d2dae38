#pragma once
// Prompt flow's Jinja2 templates as Mustache: the subset that maps (variables
// and attribute access, `{% for %}`, `{% if %}` / `{% else %}`, comments,
// whitespace control; rendered with trim_blocks as Prompt flow does), and the
// `# system:` / `# user:` / `# assistant:` blocks split into messages.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace genops::migrate::promptflow {

// A construct outside the subset, 1-based in the template's file.
struct JinjaProblem {
  int line = 0;
  int column = 0;
  std::string what;  // "Jinja2 filter `{{ x | upper }}`"
};

// What a free variable (not a loop variable) becomes: a Mustache path, or
// literal text (usable where the variable is printed, not iterated).
struct VarTarget {
  std::string path;
  std::optional<std::string> literal;
};
using VarMap = std::function<VarTarget(const std::string& root)>;

struct JinjaResult {
  std::string text;                       // Mustache
  std::vector<std::string> roots;         // free variables, first use first
  std::vector<std::string> list_roots;    // the free variables a `{% for %}` iterates
  std::vector<JinjaProblem> problems;
};

// Translates `text`. `map` (may be empty: identity) says what each free
// variable becomes. Never throws; what cannot be translated is in `problems`.
JinjaResult jinja_to_mustache(std::string_view text, const VarMap& map = {});

struct RoleBlock {
  std::string role;     // system, user, assistant
  std::string content;  // Mustache, trimmed
};

// Splits translated text at `# role:` lines outside sections; a role line
// inside a section (a `{% for %}` over chat history) becomes a "role:" text
// line of the enclosing message, and `inlined_roles` is set. Text before the
// first role line, or a template without any, is a user message.
std::vector<RoleBlock> split_roles(const std::string& mustache, bool& inlined_roles);

}  // namespace genops::migrate::promptflow
