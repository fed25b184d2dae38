#pragma once
// The generated project's README.md: what was imported, how each promptfoo
// feature was translated, the warnings, and every item left out.
#include <string>

#include "migrate/promptfoo/import.hpp"

namespace genops::migrate::promptfoo {

// The README text for `plan` (its files, counts and notes), `config` naming the source.
std::string readme_text(const ImportPlan& plan, const std::string& config);

}  // namespace genops::migrate::promptfoo
