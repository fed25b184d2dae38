#pragma once
// Parsing OpenAI Chat Completions replies, whole or streamed.
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/llm/model_client.hpp"
#include "providers/common/wire_format.hpp"
#include "providers/sse/sse_parser.hpp"

namespace genops::providers::openai {

// A whole reply: choices[0].message.content and tool_calls, finish_reason,
// usage.prompt_tokens/completion_tokens, model. A body holding {"error":...}
// is a server Failure with the provider's message; anything else unusable is malformed.
core::llm::Outcome parse_chat_reply(std::string_view body);

// The text of a message's `content`: a string, null, or an array of text parts.
std::string content_text(const nlohmann::json& content);

// A streamed reply: SSE `data:` chunks of deltas until `data: [DONE]`,
// content and tool-call fragments accumulated, usage from the final chunk.
class ChatStreamDecoder final : public common::StreamDecoder {
 public:
  void feed(std::string_view bytes, const core::llm::TokenSink& on_token) override;
  core::llm::Outcome finish() override;

 private:
  void on_event(const sse::SseEvent& event, const core::llm::TokenSink& on_token);
  void on_chunk(const nlohmann::json& chunk, const core::llm::TokenSink& on_token);

  sse::SseParser m_parser;
  core::llm::Response m_response;
  std::map<std::int64_t, core::llm::ToolCall> m_calls;  // by the delta's index
  bool m_done = false;       // [DONE] seen
  bool m_any = false;        // at least one chunk seen
  std::string m_error;       // the first malformed chunk or error event
  bool m_error_is_provider = false;
};

}  // namespace genops::providers::openai
