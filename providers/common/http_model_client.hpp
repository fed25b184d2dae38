#pragma once
// The ModelClient of every HTTP provider kind: builds the call with its
// WireFormat, sends it through the shared asynchronous http::Client, and turns
// the reply into a Response or a classified, redacted Failure.
#include <chrono>
#include <memory>
#include <string>

#include "core/config/provider_config.hpp"
#include "core/llm/model_client.hpp"
#include "providers/http/timers.hpp"
#include "providers/common/failure.hpp"
#include "providers/common/wire_format.hpp"
#include "providers/http/client.hpp"

namespace genops::providers::common {

class HttpModelClient final : public core::llm::ModelClient {
 public:
  // `wire` speaks the kind's protocol; `http` carries the calls; `timers`
  // delivers failures found before sending, so `done` never runs inside submit().
  HttpModelClient(const core::config::ProviderConfig& config, std::unique_ptr<WireFormat> wire,
                  std::shared_ptr<http::Client> http, std::shared_ptr<http::Timers> timers);

  // Streams (and passes deltas to `on_token`) when `on_token` is set.
  void submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token = {}) override;
  // Blocks on the HTTP replies, in batches; throws Error(provider) naming the
  // provider and its redacted message. Never call it from the HTTP I/O thread.
  std::vector<std::vector<float>> embed(std::span<const std::string> texts) override;
  const std::string& name() const override { return m_name; }
  const std::string& model() const override { return m_model; }

 private:
  http::HttpRequest make_http_request(const HttpCall& call) const;
  void send_whole(http::HttpRequest request, core::llm::Completion done, std::chrono::steady_clock::time_point start);
  void send_streamed(http::HttpRequest request, core::llm::Completion done, core::llm::TokenSink on_token,
                     std::chrono::steady_clock::time_point start);
  void fail_soon(core::llm::Completion done, core::llm::Failure failure);
  std::vector<std::vector<float>> embed_batch(std::span<const std::string> texts);

  std::string m_name;
  std::string m_model;
  core::config::ProviderLimits m_limits;
  std::string m_ca_bundle;
  std::shared_ptr<const WireFormat> m_wire;  // shared with calls in flight
  std::shared_ptr<http::Client> m_http;
  std::shared_ptr<http::Timers> m_timers;
  KeySent m_key_sent = KeySent::yes;  // for the hint on a 401 from a provider that sends no key
};

}  // namespace genops::providers::common
