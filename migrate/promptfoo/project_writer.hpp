#pragma once
// The genops side of an import: the files (genops.yaml, one prompt file and
// one eval per prompt) from what was read, with a comment beside every
// translation that changes meaning or shape.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "migrate/promptfoo/assertions.hpp"
#include "migrate/promptfoo/prompts.hpp"
#include "migrate/promptfoo/providers.hpp"

namespace genops::migrate::promptfoo {

struct Case {
  std::string description;
  nlohmann::ordered_json vars = nlohmann::ordered_json::object();
  std::vector<MappedAssertion> asserts;
};

struct Defaults {
  std::vector<MappedAssertion> asserts;
  std::optional<double> threshold;
  std::string judge;  // provider name, "" for none
};

struct Project {
  std::string description;
  std::vector<ImportedPrompt> prompts;
  std::vector<ImportedProvider> providers;  // the first ones are the targets; judges follow
  std::size_t target_providers = 0;         // how many of `providers` the evals run
  Defaults defaults;
  std::vector<Case> cases;
};

// genops.yaml's text.
std::string genops_yaml(const Project& project);
// prompts/<name>.yaml for one prompt; its inputs cover `var_names` too.
std::string prompt_yaml(const Project& project, const ImportedPrompt& prompt);
// evals/<name>.yaml for one prompt.
std::string eval_yaml(const Project& project, const ImportedPrompt& prompt);

}  // namespace genops::migrate::promptfoo
