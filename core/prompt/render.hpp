#pragma once
// Rendering a prompt version with variables: defaults applied, types
// checked, required variables enforced before any model call.
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/prompt/prompt_spec.hpp"

namespace genops::core::prompt {

struct RenderedPrompt {
  std::vector<PromptMessage> messages;
  nlohmann::json vars;  // the values used, defaults included
};

// Parses `k=v` assignments (from --var) into a JSON object of strings.
// Throws Error(usage) for an assignment without '='.
nlohmann::json parse_var_assignments(std::span<const std::string> assignments);

// Renders `spec` with `given` (a JSON object). `ref` names the version in
// messages. Throws Error(invalid_input) naming the variable when a required
// one is missing, one is not declared, or a value does not fit its type
// (a string from --var is converted to a declared number, integer or boolean).
RenderedPrompt render_prompt(const PromptSpec& spec, const nlohmann::json& given, const std::string& ref);

}  // namespace genops::core::prompt
