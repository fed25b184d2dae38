#pragma once
// The importer's self-check: every generated file loads with the loader that
// will read it (project, prompts, evals), so a broken translation is our bug
// (exit 70 naming the file), never the user's surprise later.
#include <filesystem>

#include "migrate/promptflow/import.hpp"
#include "migrate/promptfoo/import.hpp"

namespace genops::cli {

// Loads genops.yaml, every prompt and every eval of `plan` under `dir`, and
// checks that each eval has the planned number of cases and names only
// configured providers. Throws Error(internal) naming the file on any failure.
void check_imported_project(const std::filesystem::path& dir, const migrate::promptfoo::ImportPlan& plan);

// As `genops chain validate` on the chain of `plan` under `dir`: genops.yaml,
// every prompt file and the chain load (providers configured, references
// bound). Throws Error(internal) naming the file on any failure.
void check_imported_chain(const std::filesystem::path& dir, const migrate::promptflow::ImportPlan& plan);

}  // namespace genops::cli
