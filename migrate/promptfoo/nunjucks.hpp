#pragma once
// promptfoo's templates are Nunjucks; genops' are Mustache. The common subset
// — `{{ var }}` and `{{ a.b }}` — is translated; everything else (filters,
// `{% %}` tags, expressions) is reported with its line and column.
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace genops::migrate::promptfoo {

struct TemplateProblem {
  int line = 1;    // 1-based, within the text
  int column = 1;  // 1-based, in bytes
  std::string what;  // "Nunjucks filter `{{ name | upper }}`"
};

struct Translated {
  std::string text;                    // the Mustache template
  std::vector<std::string> variables;  // root variable names, first use first
  std::set<std::string> dotted;        // roots used with attribute access (a.b)
  std::vector<TemplateProblem> problems;
};

// Translates a Nunjucks template. `{# comments #}` are dropped. Never throws.
Translated translate_nunjucks(std::string_view text);

}  // namespace genops::migrate::promptfoo
