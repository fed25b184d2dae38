#include "providers/mock/mock_client.hpp"

#include "core/error.hpp"
#include "core/strings.hpp"

namespace genops::providers::mock {

using core::llm::Failure;
using core::llm::Outcome;
using core::llm::Response;

namespace {

std::unique_ptr<MockScript> load_script(const core::config::ProviderConfig& config) {
  auto it = config.options.find("responses");
  if (it == config.options.end() || !it->is_string() || it->get<std::string>().empty())
    throw core::Error(core::ErrorKind::invalid_input,
                      "providers." + config.name + ".responses: required for kind mock",
                      {"point it at a YAML file of scripted replies; the format is in docs/providers.md"});
  std::filesystem::path path = it->get<std::string>();
  if (path.is_relative() && !config.project_root.empty()) path = config.project_root / path;
  return MockScript::load(path);
}

Outcome outcome_of(const MockReply& reply, const std::string& model) {
  if (reply.error) return *reply.error;
  Response response;
  response.text = reply.text;
  response.tool_calls = reply.tool_calls;
  response.finish_reason = !reply.finish_reason.empty() ? reply.finish_reason
                           : reply.tool_calls.empty()   ? "stop"
                                                        : "tool_calls";
  response.model = model;
  if (reply.usage) response.usage = *reply.usage;
  return response;
}

}  // namespace

MockClient::MockClient(const core::config::ProviderConfig& config, std::shared_ptr<http::Timers> timers)
    : m_name(config.name),
      m_model(config.model.empty() ? "mock" : config.model),
      m_script(load_script(config)),
      m_timers(std::move(timers)) {}

void MockClient::submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token) {
  auto start = std::chrono::steady_clock::now();
  std::string prompt = prompt_text(request);
  const MockReply* reply = m_script->choose(prompt, request.vars);
  Outcome outcome;
  std::chrono::milliseconds latency{0};
  if (!reply) {
    Failure failure;
    failure.kind = core::llm::FailureKind::config;
    failure.message = "mock " + m_script->name() + ": no response matches the prompt " + core::quote(prompt) +
                      " and the file has no default rule";
    failure.url = "mock:" + m_script->name();
    outcome = std::move(failure);
  } else {
    outcome = outcome_of(*reply, request.model.empty() ? m_model : request.model);
    latency = reply->latency;
  }
  m_timers->call_after(latency, [outcome = std::move(outcome), done = std::move(done), on_token = std::move(on_token),
                                 start]() mutable {
    if (auto* response = std::get_if<Response>(&outcome)) {
      if (on_token && !response->text.empty()) on_token(response->text);
      response->latency =
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    }
    done(std::move(outcome));
  });
}

std::vector<std::vector<float>> MockClient::embed(std::span<const std::string>) {
  throw core::Error(core::ErrorKind::invalid_input, "provider " + m_name + " (kind mock) has no embeddings",
                    {"use a provider of kind hash-embed for offline embeddings"});
}

}  // namespace genops::providers::mock
