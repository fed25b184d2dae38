#include "core/prompt/prompt_spec.hpp"


#include "core/hash.hpp"
#include "core/prompt/template.hpp"
#include "core/regex.hpp"
#include "core/strings.hpp"
#include "core/yaml/document.hpp"
#include "core/yaml/to_json.hpp"

namespace genops::core::prompt {

namespace {

using yaml::Node;

const std::vector<std::string> k_roles = {"system", "user", "assistant"};

bool json_matches_type(const nlohmann::json& value, const std::string& type) {
  if (type == "string") return value.is_string();
  if (type == "number") return value.is_number();
  if (type == "integer") return value.is_number_integer();
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  return false;
}

InputSpec parse_input(const std::string& name, const Node& node) {
  static const core::Regex k_identifier = core::Regex::builtin("[A-Za-z_][A-Za-z0-9_]*");
  InputSpec input;
  input.name = name;
  if (!k_identifier.full_match(name))
    node.fail("input name " + quote(name) + " is not an identifier", {"use letters, digits and _, starting with a letter"});
  if (node.is_null()) return input;
  node.check_keys({"type", "default", "description"});
  if (const auto* type = node.find("type")) {
    input.type = type->as_string();
    if (std::find(input_types().begin(), input_types().end(), input.type) == input_types().end())
      type->fail("unknown input type " + quote(input.type), {suggest(input.type, input_types())});
  }
  if (const auto* def = node.find("default")) {
    input.default_value = yaml::to_json(*def);
    if (!json_matches_type(*input.default_value, input.type))
      def->fail("default is " + def->describe() + ", but the input's type is " + input.type);
  }
  if (const auto* desc = node.find("description")) input.description = desc->as_string();
  return input;
}

nlohmann::json parse_model(const Node& node) {
  node.check_keys(std::span<const std::string>(model_keys()));
  auto json = yaml::to_json(node);
  auto check_number = [&](const char* key, double lo, double hi) {
    if (const auto* n = node.find(key)) {
      double v = n->as_double();
      if (v < lo || v > hi) n->fail("expected a number from " + std::to_string(lo).substr(0, 3) + " to " + std::to_string(hi).substr(0, 3) + ", got " + n->as_string());
    }
  };
  check_number("temperature", 0.0, 2.0);
  check_number("top_p", 0.0, 1.0);
  if (const auto* n = node.find("max_tokens"); n && n->as_int() <= 0) n->fail("expected a positive integer");
  if (const auto* n = node.find("seed")) (void)n->as_int();
  if (const auto* n = node.find("provider")) (void)n->as_string();
  if (const auto* n = node.find("model")) (void)n->as_string();
  return json;
}

std::vector<PromptMessage> parse_messages(const Node& root) {
  const auto* messages = root.find("messages");
  const auto* tmpl = root.find("template");
  if (messages && tmpl) root.fail_key("template", "a prompt has `messages` or `template`, not both");
  if (!messages && !tmpl) root.fail("missing `messages` (a list of {role, content}) or `template` (one user message)");
  if (tmpl) return {{"user", tmpl->as_string()}};
  std::vector<PromptMessage> out;
  if (messages->items().empty()) messages->fail("expected at least one message");
  for (const auto& item : messages->items()) {
    item.check_keys({"role", "content"});
    PromptMessage m{item.at("role").as_string(), item.at("content").as_string()};
    if (std::find(k_roles.begin(), k_roles.end(), m.role) == k_roles.end())
      item.at("role").fail("unknown role " + quote(m.role), {suggest(m.role, k_roles)});
    out.push_back(std::move(m));
  }
  return out;
}

// Every variable a message reads must be declared (inside a section it may be an item's field).
void check_variables(const Node& root, const PromptSpec& spec) {
  std::vector<std::string> declared;
  for (const auto& in : spec.inputs) declared.push_back(in.name);
  const auto* messages = root.find("messages");
  for (std::size_t i = 0; i < spec.messages.size(); ++i) {
    const Node& where = messages ? messages->items()[i].at("content") : root.at("template");
    auto vars = scan_template(spec.messages[i].content);
    if (!vars) where.fail("template error: " + vars.error());
    for (const auto& v : *vars) {
      if (v.section_depth > 0 && std::find(declared.begin(), declared.end(), v.root) == declared.end()) continue;
      if (std::find(declared.begin(), declared.end(), v.root) == declared.end()) {
        std::vector<std::string> hints;
        if (auto m = closest_match(v.root, declared)) hints.push_back("did you mean \"" + *m + "\"?");
        hints.push_back("declare it under `inputs:`, e.g. `" + v.root + ": {type: string}`");
        where.fail("variable " + quote(v.root) + " is used but not declared in `inputs`", hints);
      }
    }
  }
}

}  // namespace

const std::vector<std::string>& input_types() {
  static const std::vector<std::string> k_types = {"string", "number", "integer", "boolean", "object", "array"};
  return k_types;
}

const std::vector<std::string>& model_keys() {
  static const std::vector<std::string> k_keys = {"provider", "model", "temperature", "top_p", "max_tokens",
                                                  "seed", "stop", "response_format"};
  return k_keys;
}

PromptSpec load_prompt_file(const std::string& path) {
  auto doc = yaml::Document::load_file(path);
  const Node& root = doc->root();
  yaml::require_version(root);
  root.check_keys({"version", "name", "description", "inputs", "model", "messages", "template"});
  PromptSpec spec;
  const Node& name = root.at("name");
  spec.name = name.as_string();
  static const core::Regex k_name = core::Regex::builtin("[A-Za-z0-9][A-Za-z0-9._-]*");
  if (!k_name.full_match(spec.name) || spec.name.size() > 100)
    name.fail("prompt name " + quote(spec.name) + " is not valid", {"use letters, digits, '.', '_' and '-' (no '@'), up to 100 characters"});
  if (const auto* d = root.find("description")) spec.description = d->as_string();
  if (const auto* inputs = root.find("inputs")) {
    if (!inputs->is_map()) inputs->fail("expected a map of input names, got " + inputs->describe());
    for (const auto& [key, value] : inputs->entries()) spec.inputs.push_back(parse_input(key, value));
  }
  if (const auto* model = root.find("model")) {
    if (!model->is_map()) model->fail("expected a map like {provider: local, temperature: 0.2}, got " + model->describe());
    spec.model = parse_model(*model);
  }
  spec.messages = parse_messages(root);
  check_variables(root, spec);
  return spec;
}

nlohmann::json to_json(const PromptSpec& spec) {
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& in : spec.inputs) {
    nlohmann::json j = {{"name", in.name}, {"type", in.type}};
    if (in.default_value) j["default"] = *in.default_value;
    if (!in.description.empty()) j["description"] = in.description;
    inputs.push_back(j);
  }
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& m : spec.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
  return {{"name", spec.name}, {"description", spec.description}, {"inputs", inputs},
          {"model", spec.model}, {"messages", messages}};
}

PromptSpec from_json(const nlohmann::json& json) {
  PromptSpec spec;
  spec.name = json.value("name", "");
  spec.description = json.value("description", "");
  for (const auto& in : json.at("inputs")) {
    InputSpec input{in.at("name").get<std::string>(), in.value("type", "string"), std::nullopt,
                    in.value("description", "")};
    if (in.contains("default")) input.default_value = in.at("default");
    spec.inputs.push_back(std::move(input));
  }
  spec.model = json.value("model", nlohmann::json::object());
  for (const auto& m : json.at("messages")) spec.messages.push_back({m.at("role"), m.at("content")});
  return spec;
}

std::string content_hash(const PromptSpec& spec) {
  auto json = to_json(spec);
  nlohmann::json behaviour = {{"messages", json["messages"]}, {"inputs", json["inputs"]}, {"model", json["model"]}};
  // nlohmann's object is a std::map: dump() is already key-sorted, hence canonical.
  return sha256_hex(behaviour.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace genops::core::prompt
