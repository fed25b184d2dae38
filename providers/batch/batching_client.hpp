#pragma once
// The ModelClient of a provider that runs as a batch: chat calls go to the
// BatchCoordinator (answered from stored batch results or parked until their
// batch ends); embeddings go to the live client.
#include <memory>
#include <string>

#include "core/config/provider_config.hpp"
#include "core/llm/model_client.hpp"
#include "providers/batch/coordinator.hpp"
#include "providers/cache/cache_key.hpp"
#include "providers/registry.hpp"

namespace genops::providers::batch {

class BatchingClient final : public core::llm::ModelClient {
 public:
  // `coordinator` must outlive the client and have a lane for live->name().
  BatchingClient(std::unique_ptr<core::llm::ModelClient> live, BatchCoordinator& coordinator,
                 cache::ProviderIdentity identity);

  // Resolves the model, hashes the request as the response cache does, and
  // hands it to the coordinator; a streaming caller gets the text as one delta.
  void submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token = {}) override;
  std::vector<std::vector<float>> embed(std::span<const std::string> texts) override { return m_live->embed(texts); }
  const std::string& name() const override { return m_live->name(); }
  const std::string& model() const override { return m_live->model(); }

 private:
  std::unique_ptr<core::llm::ModelClient> m_live;
  BatchCoordinator& m_coordinator;
  cache::ProviderIdentity m_identity;
};

// True for the provider kinds with a batch API (openai, anthropic).
bool has_batch_api(const std::string& kind);

// The batch side of provider `config`: its wire format, batch endpoints over
// deps.http, and prices. Throws Error(invalid_input) for a kind without a
// batch API (naming the provider and the kinds that have one) or a missing key.
LaneSpec make_lane(const core::config::ProviderConfig& config, const ClientDeps& deps);

// The identity that keys a provider's batch results (the response cache's).
cache::ProviderIdentity batch_identity(const core::config::ProviderConfig& config);

}  // namespace genops::providers::batch
