#pragma once
// One configured provider from genops.yaml `providers:`, validated by kind.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genops::core::config {

// Limits that apply per provider; unset fields fall back to `defaults:`.
struct ProviderLimits {
  int concurrency = 16;
  std::chrono::milliseconds timeout{60'000};
  int max_retries = 5;
  double requests_per_minute = 0;  // 0: unlimited
  double tokens_per_minute = 0;    // 0: unlimited
};

struct ProviderConfig {
  std::string name;      // the key under providers:
  std::string kind;      // openai, anthropic, ollama, echo, mock, hash-embed
  std::string model;     // may be empty for echo/mock
  std::string base_url;  // empty: the kind's default
  std::string api_key_env;   // the environment variable holding the key; never the key
  std::string ca_bundle;     // path to a CA bundle; empty: system default
  ProviderLimits limits;
  // Kind-specific options (mock: responses; hash-embed: dims; ollama: keep_alive; ...),
  // with paths already resolved against the project root.
  nlohmann::json options = nlohmann::json::object();
  std::filesystem::path project_root;
};

// Price of a model in USD per 1M tokens.
struct Price {
  double input = 0;
  double output = 0;
};

// The keys each provider kind accepts, used for unknown-key errors and did-you-mean.
// Returns nullptr for an unknown kind.
const std::vector<std::string>* provider_keys(const std::string& kind);
// Every known provider kind.
const std::vector<std::string>& provider_kinds();

}  // namespace genops::core::config
