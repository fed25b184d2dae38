#include "providers/kinds.hpp"

#include <cstdlib>

#include "core/error.hpp"
#include "core/redact.hpp"

namespace genops::providers {

namespace {

constexpr KindInfo k_kinds[] = {
    {"openai", "https://api.openai.com/v1", "OPENAI_API_KEY", false},
    {"anthropic", "https://api.anthropic.com", "ANTHROPIC_API_KEY", false},
    {"ollama", "http://127.0.0.1:11434", "", false},
    {"echo", "", "", true},
    {"mock", "", "", true},
    {"hash-embed", "", "", true},
};

std::optional<std::string> lookup(const EnvLookup& getenv, std::string_view name) {
  if (getenv) return getenv(name);
  const char* value = std::getenv(std::string(name).c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

}  // namespace

const KindInfo* find_kind(std::string_view kind) {
  for (const auto& info : k_kinds) {
    if (info.kind == kind) return &info;
  }
  return nullptr;
}

std::string effective_base_url(const core::config::ProviderConfig& config) {
  const KindInfo* info = find_kind(config.kind);
  if (!info || info->offline) return "";
  std::string url = config.base_url.empty() ? std::string(info->default_base_url) : config.base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

bool is_vendor_endpoint(const core::config::ProviderConfig& config) {
  const KindInfo* info = find_kind(config.kind);
  return info && !info->offline && !info->default_key_env.empty() &&
         effective_base_url(config) == info->default_base_url;
}

std::string to_string(KeyStatus status) {
  switch (status) {
    case KeyStatus::not_needed: return "not needed";
    case KeyStatus::set: return "set";
    case KeyStatus::missing: return "missing";
  }
  return "missing";
}

KeySource key_source(const core::config::ProviderConfig& config, const EnvLookup& getenv) {
  KeySource source;
  if (!config.api_key_env.empty()) source.env = config.api_key_env;
  else if (is_vendor_endpoint(config)) source.env = std::string(find_kind(config.kind)->default_key_env);
  if (source.env.empty()) return source;
  auto value = lookup(getenv, source.env);
  source.status = value && !value->empty() ? KeyStatus::set : KeyStatus::missing;
  return source;
}

std::string resolve_api_key(const core::config::ProviderConfig& config, const EnvLookup& getenv) {
  KeySource source = key_source(config, getenv);
  if (source.status == KeyStatus::not_needed) return "";
  if (source.status == KeyStatus::missing) {
    throw core::Error(core::ErrorKind::invalid_input,
                      "providers." + config.name + ": environment variable " + source.env + " is not set",
                      {"export " + source.env + "=... (keys are read from the environment, never from genops.yaml)"});
  }
  std::string key = *lookup(getenv, source.env);
  core::register_secret(key);
  return key;
}

}  // namespace genops::providers
