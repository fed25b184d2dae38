#pragma once
// The one table of provider kinds: genops.yaml `providers:` entries become
// core::llm::ModelClients here. cli/context.cpp builds ClientDeps once and
// calls make_client() per configured provider.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/config/provider_config.hpp"
#include "core/llm/cache.hpp"
#include "core/llm/model_client.hpp"
#include "providers/http/client.hpp"
#include "providers/http/timers.hpp"
#include "providers/kinds.hpp"

namespace genops::providers {

// What clients share: one HTTP client, one timer thread, the response cache
// and the price overrides. Everything here must outlive the clients.
struct ClientDeps {
  std::shared_ptr<http::Client> http;          // required for openai, anthropic, ollama
  std::shared_ptr<http::Timers> timers;        // limits and offline replies; null: one thread per client
  core::llm::ResponseCache* cache = nullptr;   // null: no response cache
  std::map<std::string, core::config::Price> prices;  // genops.yaml prices:, USD per 1M tokens
  EnvLookup getenv;                            // null: the process environment
};

// Builds the client for `config`: the kind's client behind its own limiter
// (concurrency, requests and tokens per minute, adaptive on 429), metered
// (usage estimated when absent, cost from prices), and cached when
// deps.cache is set (not for echo and hash-embed, which cost nothing).
// Throws Error(invalid_input) for an unknown kind, a missing model, a bad
// option, an unreadable mock file, or a key variable that is not set (naming
// it); the key is registered with core::register_secret() first.
std::unique_ptr<core::llm::ModelClient> make_client(const core::config::ProviderConfig& config,
                                                    const ClientDeps& deps);

}  // namespace genops::providers
