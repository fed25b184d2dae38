#pragma once
// `genops import promptfoo`: reads a promptfooconfig.yaml and every file it
// references, and plans a genops project — genops.yaml, prompts/*.yaml,
// evals/*.yaml and a README saying what was translated how.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "migrate/common/generated.hpp"
#include "migrate/common/notes.hpp"

namespace genops::migrate::promptfoo {

enum class SkipUnsupported { no, yes };

struct ImportOptions {
  std::filesystem::path config = "promptfooconfig.yaml";
  SkipUnsupported skip = SkipUnsupported::no;
};

struct ImportPlan {
  std::vector<GeneratedFile> files;
  std::vector<std::string> prompt_files;  // "prompts/x.yaml"
  std::vector<std::string> eval_files;    // "evals/x.yaml"
  std::size_t providers = 0;
  std::size_t tests = 0;   // promptfoo tests (after reading files)
  std::size_t cases = 0;   // genops cases per eval (after list-var expansion)
  Notes notes;
};

// Reads and translates. Throws a located Error(invalid_input) for a config it
// cannot read, and — unless options.skip is yes — one Error(invalid_input)
// listing every unsupported item as "file:line:col: field: ... is not supported; use ...".
ImportPlan plan_import(const ImportOptions& options);

// Writes every planned file under `dir` (created). Throws on I/O errors.
void write_plan(const ImportPlan& plan, const std::filesystem::path& dir);

}  // namespace genops::migrate::promptfoo
