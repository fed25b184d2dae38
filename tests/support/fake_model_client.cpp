#include "tests/support/fake_model_client.hpp"

namespace genops::test {

FakeModelClient::FakeModelClient(std::string name, Responder responder)
    : m_name(std::move(name)), m_responder(responder ? std::move(responder) : reply("ok")) {}

void FakeModelClient::submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token) {
  std::size_t call;
  {
    std::lock_guard lock(m_mutex);
    call = m_requests.size();
    m_requests.push_back(request);
  }
  auto outcome = m_responder(request, call);
  if (auto* r = std::get_if<core::llm::Response>(&outcome)) {
    if (r->usage.input_tokens == 0 && r->usage.output_tokens == 0) r->usage = {10, 5, false};
    if (r->cost_usd == 0) r->cost_usd = cost_per_call;
    if (r->model.empty()) r->model = m_model;
    if (on_token && !r->text.empty()) on_token(r->text);
  }
  done(std::move(outcome));
}

std::vector<std::vector<float>> FakeModelClient::embed(std::span<const std::string> texts) {
  return std::vector<std::vector<float>>(texts.size(), std::vector<float>(3, 0.0f));
}

std::vector<core::llm::Request> FakeModelClient::requests() const {
  std::lock_guard lock(m_mutex);
  return m_requests;
}

std::size_t FakeModelClient::calls() const {
  std::lock_guard lock(m_mutex);
  return m_requests.size();
}

FakeModelClient::Responder FakeModelClient::reply(std::string text) {
  return [text](const core::llm::Request&, std::size_t) -> core::llm::Outcome { return response(text); };
}

core::llm::Response FakeModelClient::response(std::string text, std::vector<core::llm::ToolCall> calls) {
  core::llm::Response r;
  r.text = std::move(text);
  r.tool_calls = std::move(calls);
  r.finish_reason = r.tool_calls.empty() ? "stop" : "tool_calls";
  return r;
}

}  // namespace genops::test
