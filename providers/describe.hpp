#pragma once
// What `genops providers list` and `genops providers check` show: a
// provider's configuration without secrets, and one minimal real call.
#include <chrono>
#include <cstddef>
#include <string>

#include "core/config/provider_config.hpp"
#include "core/llm/model_client.hpp"
#include "providers/kinds.hpp"
#include "providers/registry.hpp"

namespace genops::providers {

struct ProviderDescription {
  std::string name;
  std::string kind;
  std::string model;
  std::string base_url;  // effective and redacted; "" for offline kinds
  std::string key_env;   // the variable the key is read from; "" when none is used
  KeyStatus key_status = KeyStatus::not_needed;
  bool offline = false;  // echo, mock, hash-embed
};

// Describes `config` without building a client or reading any key's value
// beyond whether it is set.
ProviderDescription describe_provider(const core::config::ProviderConfig& config, const EnvLookup& getenv = {});

struct CheckResult {
  core::llm::Outcome outcome;  // the reply (model, usage, latency) or the failure
  std::size_t dims = 0;        // embedding providers: the vector size returned
};

// One minimal call through `client`: a one-line prompt asking for "ok"
// (max_tokens 16, temperature 0, cache bypassed), or for an embedding-only
// kind (hash-embed) one embedding, reported as a Response with its latency.
// Never throws for provider failures.
CheckResult check_provider(core::llm::ModelClient& client, std::string_view kind);

// Builds the client for `config` with `deps` and checks it. Throws what
// make_client() throws (unset key variable, bad mock file).
CheckResult check_provider(const core::config::ProviderConfig& config, const ClientDeps& deps);

}  // namespace genops::providers
