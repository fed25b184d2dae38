#pragma once
// What genops knows about each provider kind without building a client: its
// default endpoint, its conventional key variable, and how a key is resolved.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/provider_config.hpp"

namespace genops::providers {

// Reads an environment variable; injectable for tests. Null: the process environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

struct KindInfo {
  std::string_view kind;
  std::string_view default_base_url;  // "" for offline kinds
  std::string_view default_key_env;   // the vendor's conventional variable, or ""
  bool offline = false;               // no network, no key, no cost
};

// The entry for `kind`, or nullptr for an unknown kind.
const KindInfo* find_kind(std::string_view kind);

// The base URL calls go to: the configured one without trailing slashes, or
// the kind's default; "" for offline kinds.
std::string effective_base_url(const core::config::ProviderConfig& config);

// True when `config` talks to the vendor's own endpoint (its default base URL).
bool is_vendor_endpoint(const core::config::ProviderConfig& config);

enum class KeyStatus { not_needed, set, missing };
std::string to_string(KeyStatus status);

// Which variable holds the key and whether it is set.
struct KeySource {
  std::string env;  // the variable, "" when the provider uses no key
  KeyStatus status = KeyStatus::not_needed;
};

// api_key_env when configured; else the conventional variable (OPENAI_API_KEY,
// ANTHROPIC_API_KEY) only for the vendor's own endpoint — a local server never
// gets a vendor key it did not ask for. Set but empty counts as missing.
KeySource key_source(const core::config::ProviderConfig& config, const EnvLookup& getenv);

// The key for `config`, registered with core::register_secret(); "" when none
// is used. Throws Error(invalid_input) naming the variable when it is unset,
// with the hint `export NAME=...`.
std::string resolve_api_key(const core::config::ProviderConfig& config, const EnvLookup& getenv);

}  // namespace genops::providers
