#pragma once
// The `mock` kind: deterministic scripted replies from a YAML file — the
// offline default for examples and CI. Simulated latency runs on the shared
// timer thread, never a thread per call.
#include <memory>
#include <string>

#include "core/config/provider_config.hpp"
#include "core/llm/model_client.hpp"
#include "providers/http/timers.hpp"
#include "providers/mock/mock_script.hpp"

namespace genops::providers::mock {

class MockClient final : public core::llm::ModelClient {
 public:
  // Loads options.responses (resolved against config.project_root). Throws
  // Error(invalid_input) when it is missing or the file is invalid.
  MockClient(const core::config::ProviderConfig& config, std::shared_ptr<http::Timers> timers);

  // Answers after the rule's latency: its reply, its simulated failure, or a
  // Failure(config) naming the file and the prompt's start when nothing matches.
  void submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token = {}) override;
  // Throws Error(invalid_input): mock has no embeddings.
  std::vector<std::vector<float>> embed(std::span<const std::string> texts) override;
  const std::string& name() const override { return m_name; }
  const std::string& model() const override { return m_model; }
  const MockScript& script() const { return *m_script; }

 private:
  std::string m_name;
  std::string m_model;
  std::unique_ptr<MockScript> m_script;
  std::shared_ptr<http::Timers> m_timers;
};

}  // namespace genops::providers::mock
