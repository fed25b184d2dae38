#pragma once
// promptfoo's `__expected` shorthand in CSV test files, read as promptfoo reads
// it (src/csv.ts, assertionFromString): `contains: x`, `icontains: x`,
// `not-contains: x`, `similar(0.8): x`, `levenshtein(5): x`, `grade: rubric`,
// `llm-rubric: rubric`, `javascript:` / `fn:` / `python:` / `file://x.py`, and a bare value meaning equals.
#include <string>

#include <nlohmann/json.hpp>

namespace genops::migrate::promptfoo {

// The promptfoo assertion the text stands for: {type, value?, threshold?}.
// Like promptfoo, the value after `type:` is kept verbatim (a space after the
// colon is part of it); never throws.
nlohmann::ordered_json assertion_from_shorthand(const std::string& text);

}  // namespace genops::migrate::promptfoo
