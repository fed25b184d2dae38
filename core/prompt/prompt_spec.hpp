#pragma once
// A prompt template as written in a prompt YAML file (DESIGN §1), and its
// canonical JSON form, which is what a version stores and hashes.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genops::core::prompt {

struct InputSpec {
  std::string name;
  std::string type = "string";  // string, number, integer, boolean, object, array
  std::optional<nlohmann::json> default_value;
  std::string description;
  bool required() const { return !default_value.has_value(); }
};

struct PromptMessage {
  std::string role;     // system, user, assistant
  std::string content;  // a Mustache template
};

struct PromptSpec {
  std::string name;
  std::string description;
  std::vector<InputSpec> inputs;
  nlohmann::json model = nlohmann::json::object();  // provider, model, temperature, ...
  std::vector<PromptMessage> messages;
};

// The input type names a prompt may declare.
const std::vector<std::string>& input_types();
// The keys a prompt's `model:` map may hold.
const std::vector<std::string>& model_keys();

// Loads and validates a prompt file: version 1, known keys only, `messages`
// or `template` (not both), declared inputs, every variable used declared.
// Throws a located Error(invalid_input).
PromptSpec load_prompt_file(const std::string& path);

// The canonical JSON of a version: sorted keys, inputs in file order.
nlohmann::json to_json(const PromptSpec& spec);
PromptSpec from_json(const nlohmann::json& json);
// SHA-256 over the content that defines behaviour: messages, inputs, model.
std::string content_hash(const PromptSpec& spec);

}  // namespace genops::core::prompt
