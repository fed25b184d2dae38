#pragma once
// The `echo` kind: replies with the rendered prompt, instantly and offline.
// For trying chains and templates without a model.
#include <memory>
#include <string>

#include "core/config/provider_config.hpp"
#include "core/llm/model_client.hpp"
#include "providers/http/timers.hpp"

namespace genops::providers::echo {

enum class EchoMode {
  last_user,  // the last user message (default)
  all,        // every message as "role: content", one per line
};

// The reply text for `request` in `mode`.
std::string echo_text(const core::llm::Request& request, EchoMode mode);

class EchoClient final : public core::llm::ModelClient {
 public:
  // Reads options.mode ("last_user" or "all"); throws Error(invalid_input) on another value.
  EchoClient(const core::config::ProviderConfig& config, std::shared_ptr<http::Timers> timers);

  // Replies on the timer thread with finish_reason "stop" and no usage (the
  // metering layer estimates it); streams the text as one delta.
  void submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token = {}) override;
  // Throws Error(invalid_input): echo has no embeddings.
  std::vector<std::vector<float>> embed(std::span<const std::string> texts) override;
  const std::string& name() const override { return m_name; }
  const std::string& model() const override { return m_model; }

 private:
  std::string m_name;
  std::string m_model;
  EchoMode m_mode = EchoMode::last_user;
  std::shared_ptr<http::Timers> m_timers;
};

}  // namespace genops::providers::echo
