#include "core/config/provider_config.hpp"

#include <map>

namespace genops::core::config {

namespace {

// Keys every HTTP-backed kind accepts: identity, endpoint, secret reference and limits.
const std::vector<std::string> k_http_common = {
    "kind",        "model",       "base_url",   "api_key_env",         "ca_bundle",
    "concurrency", "timeout",     "max_retries", "requests_per_minute", "tokens_per_minute",
};

std::vector<std::string> with(std::vector<std::string> base, std::initializer_list<std::string> extra) {
  base.insert(base.end(), extra.begin(), extra.end());
  return base;
}

// The one table of accepted keys per kind. Offline kinds take no endpoint,
// secret or rate keys: setting them would suggest an effect they do not have.
const std::map<std::string, std::vector<std::string>>& key_table() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"openai", k_http_common},
      {"anthropic", with(k_http_common, {"anthropic_version"})},
      {"ollama", with(k_http_common, {"keep_alive"})},
      {"echo", {"kind", "model", "mode"}},
      {"mock", {"kind", "model", "responses"}},
      {"hash-embed", {"kind", "model", "dims"}},
  };
  return table;
}

}  // namespace

const std::vector<std::string>* provider_keys(const std::string& kind) {
  const auto& table = key_table();
  auto it = table.find(kind);
  return it == table.end() ? nullptr : &it->second;
}

const std::vector<std::string>& provider_kinds() {
  static const std::vector<std::string> kinds = {"openai", "anthropic", "ollama", "echo", "mock", "hash-embed"};
  return kinds;
}

}  // namespace genops::core::config
