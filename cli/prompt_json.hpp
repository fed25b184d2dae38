#pragma once
// Shared views of prompt versions for the prompt commands.
#include <string>

#include <nlohmann/json.hpp>

#include "core/prompt/prompt_store.hpp"

namespace genops::cli {

// A version as JSON (without its content unless `with_content`).
nlohmann::json version_json(const core::prompt::PromptVersionRecord& v, bool with_content = false);
// Throws Error(usage) unless `label` is a valid label name.
void check_label_name(const std::string& label);
// Opens the prompt store and resolves a reference text.
core::prompt::PromptVersionRecord resolve_ref(core::prompt::PromptStore& store, const std::string& ref);

}  // namespace genops::cli
