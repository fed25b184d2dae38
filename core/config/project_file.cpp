#include "core/config/project_file.hpp"


#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/regex.hpp"
#include "core/strings.hpp"
#include "core/yaml/document.hpp"
#include "core/yaml/to_json.hpp"

namespace genops::core::config {

namespace fs = std::filesystem;
using yaml::Node;

namespace {

const std::vector<std::string> k_default_keys = {"provider", "concurrency", "timeout", "max_retries",
                                                 "requests_per_minute", "tokens_per_minute"};

std::string origin_of(const Project& project, const Node& node) {
  return display_path(project.file.filename()) + ":" + std::to_string(node.mark().line);
}

void set_setting(Project& project, const std::string& key, const std::string& value, const std::string& origin) {
  for (auto& s : project.settings) {
    if (s.key == key) {
      s.value = value;
      s.origin = origin;
      return;
    }
  }
  project.settings.push_back({key, value, origin});
}

ProviderLimits parse_limits(const Node& node, ProviderLimits limits) {
  if (const auto* n = node.find("concurrency")) {
    auto v = n->as_int();
    if (v < 1 || v > 4096) n->fail("expected a concurrency from 1 to 4096, got " + std::to_string(v));
    limits.concurrency = static_cast<int>(v);
  }
  if (const auto* n = node.find("timeout")) limits.timeout = n->as_duration();
  if (const auto* n = node.find("max_retries")) {
    auto v = n->as_int();
    if (v < 0 || v > 20) n->fail("expected max_retries from 0 to 20, got " + std::to_string(v));
    limits.max_retries = static_cast<int>(v);
  }
  if (const auto* n = node.find("requests_per_minute")) limits.requests_per_minute = n->as_double();
  if (const auto* n = node.find("tokens_per_minute")) limits.tokens_per_minute = n->as_double();
  return limits;
}

ProviderConfig parse_provider(const Project& project, const std::string& name, const Node& node) {
  static const core::Regex k_name = core::Regex::builtin("[A-Za-z0-9][A-Za-z0-9._-]*");
  if (!k_name.full_match(name)) node.fail("provider name " + quote(name) + " is not valid", {"use letters, digits, '.', '_' and '-'"});
  if (!node.is_map()) node.fail("expected a map like {kind: openai, model: gpt-4o-mini}, got " + node.describe());
  ProviderConfig p;
  p.name = name;
  p.project_root = project.root;
  const Node& kind = node.at("kind");
  p.kind = kind.as_string();
  const auto* keys = provider_keys(p.kind);
  if (!keys) kind.fail("unknown provider kind " + quote(p.kind), {suggest(p.kind, provider_kinds())});
  node.check_keys(std::span<const std::string>(*keys));
  if (const auto* key = node.find("api_key")) key->fail("API keys are never written in files");
  if (const auto* n = node.find("model")) p.model = n->as_string();
  if (const auto* n = node.find("base_url")) {
    p.base_url = n->as_string();
    if (!starts_with(p.base_url, "http://") && !starts_with(p.base_url, "https://"))
      n->fail("expected an http:// or https:// URL, got " + quote(p.base_url));
  }
  if (const auto* n = node.find("api_key_env")) {
    p.api_key_env = n->as_string();
    static const core::Regex k_env = core::Regex::builtin("[A-Za-z_][A-Za-z0-9_]*");
    if (!k_env.full_match(p.api_key_env))
      n->fail("expected the NAME of an environment variable (letters, digits, _), not a value",
              {"keys are never written in files: export OPENAI_API_KEY=... and write api_key_env: OPENAI_API_KEY"});
  }
  if (const auto* n = node.find("ca_bundle")) p.ca_bundle = (project.root / n->as_string()).string();
  p.limits = parse_limits(node, project.defaults);
  static const std::vector<std::string> k_common = {"kind", "model", "base_url", "api_key_env", "ca_bundle",
      "concurrency", "timeout", "max_retries", "requests_per_minute", "tokens_per_minute"};
  for (const auto& [key, value] : node.entries()) {
    if (std::find(k_common.begin(), k_common.end(), key) != k_common.end()) continue;
    auto json = yaml::to_json(value);
    // Option values naming files are resolved against the project root.
    if (key == "responses" && json.is_string()) json = (project.root / json.get<std::string>()).string();
    p.options[key] = json;
  }
  return p;
}

void parse_prices(Project& project, const Node& node) {
  if (!node.is_map()) node.fail("expected a map of model names to {input, output} USD per 1M tokens");
  for (const auto& [model, price] : node.entries()) {
    price.check_keys({"input", "output"});
    Price p{price.at("input").as_double(), price.at("output").as_double()};
    if (p.input < 0 || p.output < 0) price.fail("prices cannot be negative");
    project.prices[model] = p;
  }
}

}  // namespace

std::vector<Setting> default_settings() {
  return {{"store", ".genops/genops.db", "default"},
          {"defaults.provider", "", "default"},
          {"defaults.concurrency", "16", "default"},
          {"defaults.timeout", "60s", "default"},
          {"defaults.max_retries", "5", "default"}};
}

void read_project_file(Project& project) {
  auto doc = yaml::Document::load_file(project.file.string());
  const Node& root = doc->root();
  yaml::require_version(root);
  root.check_keys({"version", "store", "defaults", "providers", "prices", "telemetry"});
  if (const auto* store = root.find("store")) set_setting(project, "store", store->as_string(), origin_of(project, *store));
  if (const auto* defaults = root.find("defaults")) {
    defaults->check_keys(std::span<const std::string>(k_default_keys));
    project.defaults = parse_limits(*defaults, project.defaults);
    for (const auto& [key, value] : defaults->entries()) {
      set_setting(project, "defaults." + key, value.as_string(), origin_of(project, value));
    }
  }
  if (const auto* providers = root.find("providers")) {
    if (!providers->is_map()) providers->fail("expected a map of provider names, got " + providers->describe());
    for (const auto& [name, node] : providers->entries()) project.providers[name] = parse_provider(project, name, node);
  }
  if (const auto* prices = root.find("prices")) parse_prices(project, *prices);
  if (const auto* telemetry = root.find("telemetry")) project.telemetry = parse_telemetry(*telemetry);
  if (const auto* def = root.find("defaults"); def && def->find("provider")) {
    const Node& name = def->at("provider");
    if (!project.providers.count(name.as_string())) {
      std::vector<std::string> names;
      for (const auto& [n, _] : project.providers) names.push_back(n);
      name.fail("unknown provider " + quote(name.as_string()), {suggest(name.as_string(), names)});
    }
  }
}

void apply_settings(Project& project) {
  for (const auto& s : project.settings) {
    auto bad = [&](const std::string& expected) {
      fail_input(s.origin + ": " + s.key + ": expected " + expected + ", got " + quote(s.value));
    };
    if (s.key == "store") {
      fs::path path = s.value;
      // A server URL (postgresql://…) is kept as written; a file is relative to the project.
      bool url = s.value.starts_with("postgresql://") || s.value.starts_with("postgres://");
      project.store_path = url || path.is_absolute() ? path : project.root / path;
    } else if (s.key == "defaults.provider") {
      project.default_provider = s.value;
    } else if (s.key == "defaults.concurrency") {
      try {
        int v = std::stoi(s.value);
        if (v < 1 || v > 4096) bad("a concurrency from 1 to 4096");
        project.defaults.concurrency = v;
      } catch (const std::logic_error&) {
        bad("a number");
      }
    } else if (s.key == "defaults.max_retries") {
      try {
        project.defaults.max_retries = std::stoi(s.value);
      } catch (const std::logic_error&) {
        bad("a number");
      }
    }
  }
}

}  // namespace genops::core::config
