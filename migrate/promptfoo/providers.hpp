#pragma once
// promptfoo provider ids and their `config` as genops providers (genops.yaml)
// and model settings (a prompt's `model:`). Keys are never copied: an
// environment variable *name* goes to `api_key_env`.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/yaml/document.hpp"
#include "migrate/common/notes.hpp"

namespace genops::migrate::promptfoo {

struct ImportedProvider {
  std::string name;              // genops provider name: the label, else a slug of the id
  std::string id;                // the promptfoo id, e.g. "openai:chat:gpt-4o-mini"
  nlohmann::ordered_json entry;  // genops.yaml providers.<name>: {kind, model, base_url, api_key_env}
  nlohmann::ordered_json settings = nlohmann::ordered_json::object();  // temperature, max_tokens, top_p, seed, stop
  std::vector<std::string> ignored;  // config keys left out (written to the README)
};

// Maps one provider id with its config. Returns nullopt (and adds an
// unsupported item at `at`) for providers genops cannot speak.
std::optional<ImportedProvider> map_provider(const std::string& id, const nlohmann::json& config,
                                             const std::string& label, const Location& at, Notes& notes);

// Maps a `providers:` entry: "openai:gpt-4o", {id, label, config}, or {ID: {config}}.
std::optional<ImportedProvider> map_provider_node(const core::yaml::Node& node, Notes& notes);

}  // namespace genops::migrate::promptfoo
