#pragma once
// Parsing Ollama /api/chat replies: one JSON object, or NDJSON lines when streamed.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/llm/model_client.hpp"
#include "providers/common/wire_format.hpp"

namespace genops::providers::ollama {

// A whole reply: message.content and tool_calls (ids made up as call_<i> when
// Ollama gives none), done_reason, prompt_eval_count/eval_count, model.
// {"error": "..."} is a server Failure.
core::llm::Outcome parse_chat_reply(std::string_view body);

// A streamed reply: one JSON object per line until the one with "done": true.
class ChatStreamDecoder final : public common::StreamDecoder {
 public:
  void feed(std::string_view bytes, const core::llm::TokenSink& on_token) override;
  core::llm::Outcome finish() override;

 private:
  void on_line(std::string_view line, const core::llm::TokenSink& on_token);

  std::string m_pending;  // the unfinished line
  core::llm::Response m_response;
  bool m_any = false;
  bool m_done = false;
  std::string m_error;
  bool m_error_is_provider = false;
};

}  // namespace genops::providers::ollama
