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

// What `providers check` asks a provider for.
enum class CheckCall { chat, embedding };

// CheckCall::embedding for a provider known to serve embeddings: kind
// hash-embed, or a model whose name contains "embed" (text-embedding-3-small,
// nomic-embed-text, mxbai-embed-large); CheckCall::chat otherwise.
CheckCall check_call_for(const core::config::ProviderConfig& config);

// One minimal call through `client`: a one-line prompt asking for "ok"
// (max_tokens 16, temperature 0, cache bypassed), or with CheckCall::embedding
// one embedding (POST /v1/embeddings, /api/embed), reported as a Response with
// its latency and `dims`. A failed chat call is a Failure; a failed embedding
// call throws the client's Error(provider) (its message and hints are whole).
CheckResult check_provider(core::llm::ModelClient& client, CheckCall call);

// Builds the client for `config` with `deps` and checks it with
// check_call_for(config). Throws what make_client() throws (unset key
// variable, bad mock file).
CheckResult check_provider(const core::config::ProviderConfig& config, const ClientDeps& deps);

}  // namespace genops::providers
