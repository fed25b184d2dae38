#include "migrate/promptfoo/providers.hpp"

#include <algorithm>

#include "core/strings.hpp"
#include "core/yaml/to_json.hpp"
#include "migrate/promptfoo/prompts.hpp"

namespace genops::migrate::promptfoo {

namespace {

using core::yaml::Node;
using ojson = nlohmann::ordered_json;

struct Kind {
  std::string kind;     // genops kind
  std::string model;
  std::string key_env;  // the vendor's conventional key variable ("" = none)
};

std::vector<std::string> split_colon(const std::string& id, std::size_t max_parts) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (parts.size() + 1 < max_parts) {
    auto colon = id.find(':', pos);
    if (colon == std::string::npos) break;
    parts.push_back(id.substr(pos, colon - pos));
    pos = colon + 1;
  }
  parts.push_back(id.substr(pos));
  return parts;
}

// openai:MODEL, openai:chat:MODEL, openai:embedding(s):MODEL, anthropic:messages:MODEL,
// ollama:MODEL, ollama:chat:MODEL, echo. The rest: nullopt with the reason in `why`.
std::optional<Kind> parse_id(const std::string& id, std::string& why, std::string& instead) {
  if (id == "echo") return Kind{"echo", "", ""};
  auto parts = split_colon(id, 3);
  const std::string& vendor = parts[0];
  auto model_after = [&](std::initializer_list<const char*> modes) -> std::optional<std::string> {
    if (parts.size() == 2) return split_colon(id, 2)[1];
    if (parts.size() == 3 && std::any_of(modes.begin(), modes.end(), [&](const char* m) { return parts[1] == m; }))
      return parts[2];
    return std::nullopt;
  };
  if (vendor == "openai") {
    if (auto m = model_after({"chat", "embedding", "embeddings"})) return Kind{"openai", *m, "OPENAI_API_KEY"};
    why = "OpenAI provider mode `" + parts[1] + "`";
    instead = "openai:chat:MODEL (genops speaks chat completions and embeddings)";
    return std::nullopt;
  }
  if (vendor == "anthropic") {
    if (parts.size() == 3 && parts[1] == "messages") return Kind{"anthropic", parts[2], "ANTHROPIC_API_KEY"};
    why = "Anthropic provider `" + id + "`";
    instead = "anthropic:messages:MODEL (genops speaks the Messages API)";
    return std::nullopt;
  }
  if (vendor == "ollama") {
    if (auto m = model_after({"chat", "embedding", "embeddings", "completion"})) return Kind{"ollama", *m, ""};
    why = "Ollama provider `" + id + "`";
    instead = "ollama:chat:MODEL";
    return std::nullopt;
  }
  if (vendor == "azure" || vendor == "azureopenai") {
    why = "Azure OpenAI provider `" + id + "` (genops' openai kind sends neither Azure's api-key header nor its "
          "api-version query on deployment URLs)";
    instead = "an OpenAI-compatible gateway in front of Azure (e.g. LiteLLM) as `kind: openai` with `base_url`";
    return std::nullopt;
  }
  if (vendor == "exec" || vendor == "python" || vendor == "file" || vendor == "http" || vendor == "https" ||
      vendor == "webhook") {
    why = "script or HTTP provider `" + id + "`";
    instead = "an OpenAI-compatible server (`kind: openai` with `base_url`), or a chain with an exec step";
    return std::nullopt;
  }
  why = "provider `" + id + "`";
  instead = "openai (and any OpenAI-compatible server via apiBaseUrl), anthropic, ollama or echo";
  return std::nullopt;
}

const std::vector<std::string> k_settings = {"temperature", "max_tokens", "top_p", "seed", "stop", "response_format"};
// Config keys that change what the model may do, not just how it samples.
const std::vector<std::string> k_semantic = {"tools", "functions", "tool_choice", "function_call", "transform",
                                             "responseParser", "transformResponse"};

}  // namespace

std::optional<ImportedProvider> map_provider(const std::string& id, const nlohmann::json& config,
                                             const std::string& label, const Location& at, Notes& notes) {
  std::string why, instead;
  auto kind = parse_id(id, why, instead);
  if (!kind) {
    notes.unsupported_item(at, why, instead);
    return std::nullopt;
  }
  ImportedProvider p;
  p.id = id;
  p.name = slug(label.empty() ? id : label);
  p.entry = {{"kind", kind->kind}};
  if (!kind->model.empty()) p.entry["model"] = kind->model;
  std::string key_env = kind->key_env;
  bool custom_url = false;
  for (const auto& [key, value] : config.items()) {
    if (key == "apiBaseUrl" && value.is_string()) {
      p.entry["base_url"] = value;
      custom_url = true;
    } else if (key == "apiHost" && value.is_string()) {
      p.entry["base_url"] = "https://" + value.get<std::string>() + "/v1";
      custom_url = true;
    } else if (key == "apiKeyEnvar" && value.is_string()) {
      key_env = value.get<std::string>();
      p.entry["api_key_env"] = key_env;
    } else if (key == "apiKey") {
      notes.warn(at.format() + ": config.apiKey holds a literal key; it was NOT copied (genops reads keys from "
                 "environment variables: set api_key_env in genops.yaml)");
    } else if (key == "num_predict" && value.is_number_integer()) {
      p.settings["max_tokens"] = value;  // Ollama's name for it
    } else if (std::find(k_settings.begin(), k_settings.end(), key) != k_settings.end()) {
      p.settings[key] = value;
    } else if (std::find(k_semantic.begin(), k_semantic.end(), key) != k_semantic.end()) {
      notes.unsupported_item({at.where, at.field + (at.field.empty() ? "" : ".") + "config." + key},
                             "provider option `" + key + "`", "a chain with an llm step and tools, or leave it out");
    } else {
      p.ignored.push_back(key);
    }
  }
  // The vendor's own endpoint reads the conventional key variable; another
  // base_url gets a key only when apiKeyEnvar names one (docs/providers.md).
  if (!p.entry.contains("api_key_env") && !key_env.empty() && !custom_url) p.entry["api_key_env"] = key_env;
  if (!p.ignored.empty())
    notes.translated("Provider `" + p.name + "` (" + id + "): config keys left out (no genops model setting): " +
                     core::join(p.ignored, ", ") + ".");
  return p;
}

std::optional<ImportedProvider> map_provider_node(const Node& node, Notes& notes) {
  if (node.is_scalar()) return map_provider(node.as_string(), nlohmann::json::object(), "", locate(node), notes);
  if (!node.is_map()) node.fail("expected a provider id or {id, label, config}, got " + node.describe());
  if (!node.find("id") && node.entries().size() == 1) {
    // The older form {openai:gpt-4o: {config: {...}}}.
    const auto& [id, body] = node.entries().front();
    nlohmann::json config = body.is_map() && body.find("config") ? core::yaml::to_json(*body.find("config"))
                                                                  : nlohmann::json::object();
    std::string label = body.is_map() && body.find("label") ? body.find("label")->as_string() : "";
    return map_provider(id, config, label, locate(node), notes);
  }
  for (const auto& [key, value] : node.entries()) {
    if (key != "id" && key != "label" && key != "config")
      notes.unsupported_item(locate(value), "provider option `" + key + "`", "id, label and config only");
  }
  nlohmann::json config = nlohmann::json::object();
  if (const auto* c = node.find("config")) {
    if (!c->is_map()) c->fail("expected a map of provider settings, got " + c->describe());
    config = core::yaml::to_json(*c);
  }
  std::string label = node.find("label") ? node.find("label")->as_string() : "";
  return map_provider(node.at("id").as_string(), config, label, locate(node), notes);
}

}  // namespace genops::migrate::promptfoo
