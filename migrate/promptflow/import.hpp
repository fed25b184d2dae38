#pragma once
// `genops import promptflow`: reads a Prompt flow DAG flow (flow.dag.yaml and
// the Jinja2 and Python files its nodes name) and plans a genops project: a
// chain, one prompt file per llm node (and per variant), the Python nodes
// with a runner, genops.yaml and a README saying what was translated how.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "migrate/common/generated.hpp"
#include "migrate/common/notes.hpp"

namespace genops::migrate::promptflow {

enum class SkipUnsupported { no, yes };

struct ImportOptions {
  std::filesystem::path flow;  // flow.dag.yaml, or the folder holding it
  SkipUnsupported skip = SkipUnsupported::no;
};

// A prompt file of a node variant and the label its version gets.
struct VariantFile {
  std::string file;   // "prompts/summarize.variant_1.yaml"
  std::string label;  // "variant_1"
};

struct ImportPlan {
  std::vector<GeneratedFile> files;
  std::string chain_file;                 // "chains/NAME.yaml"
  std::vector<std::string> prompt_files;  // every generated prompt file
  std::vector<VariantFile> variants;      // node_variants, defaults included
  std::size_t nodes = 0;
  std::size_t providers = 0;
  Notes notes;
};

// Reads and translates. Throws a located Error(invalid_input) for a flow it
// cannot read, and — unless options.skip is yes — one Error(invalid_input)
// listing every unsupported item as "file:line:col: field: ... is not supported; use ...".
ImportPlan plan_import(const ImportOptions& options);

}  // namespace genops::migrate::promptflow
