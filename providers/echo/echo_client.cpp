#include "providers/echo/echo_client.hpp"

#include "core/error.hpp"

namespace genops::providers::echo {

std::string echo_text(const core::llm::Request& request, EchoMode mode) {
  if (mode == EchoMode::all) {
    std::string text;
    for (const auto& message : request.messages) {
      if (!text.empty()) text += '\n';
      text += message.role + ": " + message.content;
    }
    return text;
  }
  for (auto it = request.messages.rbegin(); it != request.messages.rend(); ++it) {
    if (it->role == "user") return it->content;
  }
  return request.messages.empty() ? "" : request.messages.back().content;
}

EchoClient::EchoClient(const core::config::ProviderConfig& config, std::shared_ptr<http::Timers> timers)
    : m_name(config.name), m_model(config.model.empty() ? "echo" : config.model), m_timers(std::move(timers)) {
  auto mode = config.options.find("mode");
  if (mode == config.options.end()) return;
  std::string value = mode->is_string() ? mode->get<std::string>() : mode->dump();
  if (value == "all") m_mode = EchoMode::all;
  else if (value != "last_user")
    throw core::Error(core::ErrorKind::invalid_input,
                      "providers." + m_name + ".mode: expected last_user or all, got " + value);
}

void EchoClient::submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token) {
  auto start = std::chrono::steady_clock::now();
  core::llm::Response response;
  response.text = echo_text(request, m_mode);
  response.finish_reason = "stop";
  response.model = request.model.empty() ? m_model : request.model;
  m_timers->call_after(std::chrono::microseconds{0}, [response = std::move(response), done = std::move(done),
                                                       on_token = std::move(on_token), start]() mutable {
    if (on_token && !response.text.empty()) on_token(response.text);
    response.latency =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    done(std::move(response));
  });
}

std::vector<std::vector<float>> EchoClient::embed(std::span<const std::string>) {
  throw core::Error(core::ErrorKind::invalid_input, "provider " + m_name + " (kind echo) has no embeddings",
                    {"use a provider of kind hash-embed for offline embeddings"});
}

}  // namespace genops::providers::echo
