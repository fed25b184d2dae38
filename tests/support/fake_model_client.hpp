#pragma once
// A ModelClient for tests: answers from a responder function (default: "ok")
// and records every request it was asked, in order.
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/llm/model_client.hpp"

namespace genops::test {

class FakeModelClient final : public core::llm::ModelClient {
 public:
  using Responder = std::function<core::llm::Outcome(const core::llm::Request&, std::size_t call)>;

  explicit FakeModelClient(std::string name = "fake", Responder responder = {});

  // Answers at once, on the calling thread, with the responder's outcome;
  // a Response gets usage 10 in / 5 out and cost_per_call unless set.
  void submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token = {}) override;
  // Returns one vector of 3 zeros per text.
  std::vector<std::vector<float>> embed(std::span<const std::string> texts) override;
  const std::string& name() const override { return m_name; }
  const std::string& model() const override { return m_model; }

  // Every request so far, in order.
  std::vector<core::llm::Request> requests() const;
  std::size_t calls() const;
  double cost_per_call = 0.0;

  // A responder that replies with `text` to every call.
  static Responder reply(std::string text);
  // A Response with `text` (and tool calls).
  static core::llm::Response response(std::string text, std::vector<core::llm::ToolCall> calls = {});

 private:
  std::string m_name;
  std::string m_model = "fake-model";
  Responder m_responder;
  mutable std::mutex m_mutex;
  std::vector<core::llm::Request> m_requests;
};

}  // namespace genops::test
