#include "providers/registry.hpp"

#include "core/error.hpp"
#include "core/strings.hpp"
#include "providers/anthropic/anthropic_wire.hpp"
#include "providers/cache/caching_client.hpp"
#include "providers/common/http_model_client.hpp"
#include "providers/echo/echo_client.hpp"
#include "providers/hash_embed/hash_embed_client.hpp"
#include "providers/http/limited_client.hpp"
#include "providers/http/limiter.hpp"
#include "providers/mock/mock_client.hpp"
#include "providers/ollama/ollama_wire.hpp"
#include "providers/openai/openai_wire.hpp"
#include "providers/pricing/metered_client.hpp"

namespace genops::providers {

using core::config::ProviderConfig;
using core::llm::ModelClient;

namespace {

// What a factory gets beyond the config: resolved key and shared services.
struct Context {
  const ClientDeps& deps;
  std::shared_ptr<http::Timers> timers;
};

using Factory = std::unique_ptr<ModelClient> (*)(const ProviderConfig&, const Context&);

void require_model(const ProviderConfig& config) {
  if (config.model.empty())
    throw core::Error(core::ErrorKind::invalid_input,
                      "providers." + config.name + ".model: required for kind " + config.kind);
}

common::Endpoint endpoint_of(const ProviderConfig& config, const Context& context) {
  require_model(config);
  return {effective_base_url(config), config.model, resolve_api_key(config, context.deps.getenv)};
}

// The shared HTTP client behind this provider's own limiter.
std::shared_ptr<http::Client> limited_http(const ProviderConfig& config, const Context& context) {
  if (!context.deps.http)
    throw core::Error(core::ErrorKind::internal, "make_client: provider " + config.name + " needs an HTTP client");
  http::LimiterOptions options;
  options.max_concurrency = std::max(1, config.limits.concurrency);
  options.requests_per_minute = config.limits.requests_per_minute;
  options.tokens_per_minute = config.limits.tokens_per_minute;
  auto limiter = std::make_shared<http::Limiter>(options, context.timers);
  return http::make_limited_client(context.deps.http, std::move(limiter));
}

std::unique_ptr<ModelClient> make_http_client(const ProviderConfig& config, const Context& context,
                                              std::unique_ptr<common::WireFormat> wire) {
  return std::make_unique<common::HttpModelClient>(config, std::move(wire), limited_http(config, context),
                                                   context.timers);
}

std::string option_string(const ProviderConfig& config, const char* key, std::string fallback) {
  auto it = config.options.find(key);
  if (it == config.options.end() || it->is_null()) return fallback;
  if (!it->is_string())
    throw core::Error(core::ErrorKind::invalid_input, "providers." + config.name + "." + key + ": expected a string");
  return it->get<std::string>();
}

std::unique_ptr<ModelClient> make_openai(const ProviderConfig& config, const Context& context) {
  auto field = is_vendor_endpoint(config) ? openai::MaxTokensField::max_completion_tokens
                                          : openai::MaxTokensField::max_tokens;
  return make_http_client(config, context, std::make_unique<openai::OpenAiWire>(endpoint_of(config, context), field));
}

std::unique_ptr<ModelClient> make_anthropic(const ProviderConfig& config, const Context& context) {
  std::string version = option_string(config, "anthropic_version", anthropic::k_default_version);
  return make_http_client(config, context,
                          std::make_unique<anthropic::AnthropicWire>(endpoint_of(config, context), version));
}

std::unique_ptr<ModelClient> make_ollama(const ProviderConfig& config, const Context& context) {
  auto keep_alive = config.options.find("keep_alive");
  nlohmann::json value = keep_alive == config.options.end() ? nlohmann::json() : *keep_alive;
  return make_http_client(config, context,
                          std::make_unique<ollama::OllamaWire>(endpoint_of(config, context), std::move(value)));
}

std::unique_ptr<ModelClient> make_echo(const ProviderConfig& config, const Context& context) {
  return std::make_unique<echo::EchoClient>(config, context.timers);
}

std::unique_ptr<ModelClient> make_mock(const ProviderConfig& config, const Context& context) {
  return std::make_unique<mock::MockClient>(config, context.timers);
}

std::unique_ptr<ModelClient> make_hash_embed(const ProviderConfig& config, const Context& context) {
  return std::make_unique<hash_embed::HashEmbedClient>(config, context.timers);
}

struct Entry {
  std::string_view kind;
  Factory make;
};

// The one table: a new kind is a folder and a line here (and in kinds.cpp).
constexpr Entry k_factories[] = {
    {"openai", make_openai}, {"anthropic", make_anthropic}, {"ollama", make_ollama},
    {"echo", make_echo},     {"mock", make_mock},           {"hash-embed", make_hash_embed},
};

// What makes two providers' answers differ beyond the request: the mock file's content.
cache::ProviderIdentity identity_of(const ProviderConfig& config, const ModelClient& client) {
  cache::ProviderIdentity identity{config.kind, effective_base_url(config), ""};
  if (const auto* mock_client = dynamic_cast<const mock::MockClient*>(&client))
    identity.extra = mock_client->script().digest();
  return identity;
}

}  // namespace

std::unique_ptr<ModelClient> make_client(const ProviderConfig& config, const ClientDeps& deps) {
  const Entry* entry = nullptr;
  for (const auto& candidate : k_factories) {
    if (candidate.kind == config.kind) entry = &candidate;
  }
  if (!entry) {
    const auto& kinds = core::config::provider_kinds();
    throw core::Error(core::ErrorKind::invalid_input,
                      "providers." + config.name + ".kind: unknown provider kind " + core::quote(config.kind),
                      {core::suggest(config.kind, kinds)});
  }
  Context context{deps, deps.timers ? deps.timers : http::make_timer_thread()};
  auto client = entry->make(config, context);
  if (config.kind == "hash-embed") return client;
  auto identity = identity_of(config, *client);
  auto builtin = is_vendor_endpoint(config) ? pricing::BuiltinPrices::apply : pricing::BuiltinPrices::ignore;
  client = std::make_unique<pricing::MeteredClient>(std::move(client), pricing::PriceTable(deps.prices), builtin);
  if (deps.cache && config.kind != "echo")
    client = std::make_unique<cache::CachingClient>(std::move(client), *deps.cache, std::move(identity), context.timers);
  return client;
}

}  // namespace genops::providers
