#include "providers/batch/batching_client.hpp"

#include "core/error.hpp"
#include "providers/anthropic/anthropic_wire.hpp"
#include "providers/kinds.hpp"
#include "providers/openai/openai_wire.hpp"

namespace genops::providers::batch {

BatchingClient::BatchingClient(std::unique_ptr<core::llm::ModelClient> live, BatchCoordinator& coordinator,
                               cache::ProviderIdentity identity)
    : m_live(std::move(live)), m_coordinator(coordinator), m_identity(std::move(identity)) {}

void BatchingClient::submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token) {
  if (request.model.empty()) request.model = m_live->model();
  std::string hash = cache::cache_key(m_identity, request.model, request);
  if (on_token) {
    done = [done = std::move(done), on_token = std::move(on_token)](core::llm::Outcome outcome) {
      if (const auto* r = std::get_if<core::llm::Response>(&outcome); r && !r->text.empty()) on_token(r->text);
      done(std::move(outcome));
    };
  }
  m_coordinator.submit(m_live->name(), std::move(request), std::move(hash), std::move(done));
}

bool has_batch_api(const std::string& kind) { return kind == "openai" || kind == "anthropic"; }

cache::ProviderIdentity batch_identity(const core::config::ProviderConfig& config) {
  return cache::ProviderIdentity{config.kind, effective_base_url(config), ""};
}

LaneSpec make_lane(const core::config::ProviderConfig& config, const ClientDeps& deps) {
  if (!has_batch_api(config.kind))
    core::fail_input("provider " + config.name + ": kind " + config.kind + " has no batch API",
                     {"batch runs need a provider of kind openai or anthropic; run this provider live (drop it from "
                      "`batch:`, or drop --batch)"});
  if (config.model.empty()) core::fail_input("providers." + config.name + ".model: required for kind " + config.kind);
  common::Endpoint endpoint{effective_base_url(config), config.model, resolve_api_key(config, deps.getenv)};
  LaneSpec lane;
  lane.provider = config.name;
  lane.kind = config.kind;
  BatchEndpoint batch_endpoint;
  batch_endpoint.base_url = endpoint.base_url;
  batch_endpoint.ca_bundle = config.ca_bundle;
  if (config.kind == "openai") {
    auto field = is_vendor_endpoint(config) ? openai::MaxTokensField::max_completion_tokens
                                            : openai::MaxTokensField::max_tokens;
    lane.wire = std::make_shared<openai::OpenAiWire>(endpoint, field);
    batch_endpoint.kind = BatchKind::openai;
  } else {
    std::string version = anthropic::k_default_version;
    if (auto it = config.options.find("anthropic_version"); it != config.options.end() && it->is_string())
      version = it->get<std::string>();
    lane.wire = std::make_shared<anthropic::AnthropicWire>(endpoint, version);
    batch_endpoint.kind = BatchKind::anthropic;
  }
  core::llm::Request probe;
  probe.model = config.model;
  batch_endpoint.url_path = url_path(lane.wire->chat_call(probe, common::Streaming::no).url);
  batch_endpoint.headers = lane.wire->headers();
  lane.api = std::make_shared<BatchApi>(std::move(batch_endpoint), deps.http);
  lane.prices = pricing::PriceTable(deps.prices);
  lane.builtin = is_vendor_endpoint(config) ? pricing::BuiltinPrices::apply : pricing::BuiltinPrices::ignore;
  return lane;
}

}  // namespace genops::providers::batch
