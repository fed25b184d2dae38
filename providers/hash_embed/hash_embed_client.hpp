#pragma once
// The `hash-embed` kind: offline embeddings (feature_hashing.hpp). It only embeds.
#include <cstddef>
#include <memory>
#include <string>

#include "core/config/provider_config.hpp"
#include "core/llm/model_client.hpp"
#include "providers/http/timers.hpp"

namespace genops::providers::hash_embed {

class HashEmbedClient final : public core::llm::ModelClient {
 public:
  // Reads options.dims (an integer in 1..65536, default 512); throws
  // Error(invalid_input) naming providers.<name>.dims otherwise.
  HashEmbedClient(const core::config::ProviderConfig& config, std::shared_ptr<http::Timers> timers);

  // Always a Failure(config): "hash-embed only embeds", delivered on the timer thread.
  void submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token = {}) override;
  // One L2-normalised vector of dims() floats per text.
  std::vector<std::vector<float>> embed(std::span<const std::string> texts) override;
  const std::string& name() const override { return m_name; }
  const std::string& model() const override { return m_model; }
  std::size_t dims() const { return m_dims; }

 private:
  std::string m_name;
  std::string m_model;
  std::size_t m_dims;
  std::shared_ptr<http::Timers> m_timers;
};

}  // namespace genops::providers::hash_embed
