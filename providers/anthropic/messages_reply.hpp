#pragma once
// Parsing Anthropic Messages replies, whole or streamed. stop_reason is mapped
// to the OpenAI vocabulary chains use: end_turn and stop_sequence -> stop,
// max_tokens -> length, tool_use -> tool_calls; others pass through.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/llm/model_client.hpp"
#include "providers/common/wire_format.hpp"
#include "providers/sse/sse_parser.hpp"

namespace genops::providers::anthropic {

// The finish reason for an Anthropic stop_reason.
std::string finish_reason(std::string_view stop_reason);

// A whole reply: text blocks joined, tool_use blocks as ToolCalls, usage
// input_tokens/output_tokens, model. {"type":"error"} is a server Failure.
core::llm::Outcome parse_messages_reply(std::string_view body);

// A streamed reply: message_start, content_block_start/delta/stop (text_delta,
// input_json_delta), message_delta (stop_reason, usage), message_stop, ping, error.
class MessagesStreamDecoder final : public common::StreamDecoder {
 public:
  void feed(std::string_view bytes, const core::llm::TokenSink& on_token) override;
  core::llm::Outcome finish() override;

 private:
  struct Block {
    std::string type;  // text, tool_use, or another kind we skip
    std::string text;
    std::string id;
    std::string name;
    std::string input_json;
  };
  void on_event(const sse::SseEvent& event, const core::llm::TokenSink& on_token);
  void on_delta(const nlohmann::json& event, const core::llm::TokenSink& on_token);

  sse::SseParser m_parser;
  core::llm::Response m_response;
  std::map<std::int64_t, Block> m_blocks;
  bool m_started = false;  // message_start seen
  bool m_stopped = false;  // message_stop seen
  std::string m_error;
  bool m_error_is_provider = false;
};

}  // namespace genops::providers::anthropic
