#pragma once
// The README of a project imported from Prompt flow: how to run it, how each
// part was translated, and what was left out.
#include <string>

#include "migrate/promptflow/import.hpp"

namespace genops::migrate::promptflow {

// README.md's text for `plan`, imported from `flow` (as displayed).
std::string readme_text(const ImportPlan& plan, const std::string& flow);

}  // namespace genops::migrate::promptflow
