#include "providers/anthropic/messages_reply.hpp"

#include "providers/common/failure.hpp"
#include "providers/common/json.hpp"

namespace genops::providers::anthropic {

using core::llm::Failure;
using core::llm::FailureKind;
using core::llm::Outcome;
using core::llm::Response;
using nlohmann::json;

namespace {

Failure failure(FailureKind kind, std::string message) {
  Failure out;
  out.kind = kind;
  out.message = std::move(message);
  return out;
}

void read_usage(const json& usage, core::llm::Usage& out) {
  if (auto in = common::int_at(usage, "input_tokens"); in >= 0) out.input_tokens = in;
  if (auto produced = common::int_at(usage, "output_tokens"); produced >= 0) out.output_tokens = produced;
}

}  // namespace

std::string finish_reason(std::string_view stop_reason) {
  if (stop_reason == "end_turn" || stop_reason == "stop_sequence") return "stop";
  if (stop_reason == "max_tokens") return "length";
  if (stop_reason == "tool_use") return "tool_calls";
  return std::string(stop_reason);
}

Outcome parse_messages_reply(std::string_view body) {
  auto parsed = common::parse_reply(body);
  if (!parsed) return failure(FailureKind::malformed, parsed.error());
  const json& doc = *parsed;
  if (!doc.is_object()) return failure(FailureKind::malformed, "malformed reply: expected a JSON object");
  if (common::string_at(doc, "type") == "error" || doc.contains("error"))
    return failure(FailureKind::server, common::describe_error_body(body));
  auto content = doc.find("content");
  if (content == doc.end() || !content->is_array()) return failure(FailureKind::malformed, "malformed reply: no content list");
  Response response;
  for (const auto& block : *content) {
    std::string type = common::string_at(block, "type");
    if (type == "text") {
      response.text += common::string_at(block, "text");
    } else if (type == "tool_use") {
      json input = block.contains("input") ? block["input"] : json::object();
      response.tool_calls.push_back({common::string_at(block, "id"), common::string_at(block, "name"), common::dump_json(input)});
    }
  }
  response.finish_reason = finish_reason(common::string_at(doc, "stop_reason"));
  response.model = common::string_at(doc, "model");
  if (doc.contains("usage")) read_usage(doc["usage"], response.usage);
  return response;
}

void MessagesStreamDecoder::feed(std::string_view bytes, const core::llm::TokenSink& on_token) {
  m_parser.feed(bytes, [&](const sse::SseEvent& event) { on_event(event, on_token); });
}

void MessagesStreamDecoder::on_event(const sse::SseEvent& event, const core::llm::TokenSink& on_token) {
  if (m_stopped || !m_error.empty()) return;
  auto parsed = common::parse_json(event.data);
  if (!parsed || !parsed->is_object()) {
    m_error = "malformed stream event: " + (parsed ? std::string("expected a JSON object") : parsed.error());
    return;
  }
  const json& data = *parsed;
  // The `type` in the data is authoritative; the SSE event name repeats it.
  std::string type = common::string_at(data, "type");
  if (type == "message_start") {
    m_started = true;
    const json& message = data.contains("message") ? data["message"] : json::object();
    m_response.model = common::string_at(message, "model");
    if (message.is_object() && message.contains("usage")) read_usage(message["usage"], m_response.usage);
  } else if (type == "content_block_start") {
    const json& block = data.contains("content_block") ? data["content_block"] : json::object();
    Block& slot = m_blocks[common::int_at(data, "index")];
    slot.type = common::string_at(block, "type");
    slot.text = common::string_at(block, "text");
    slot.id = common::string_at(block, "id");
    slot.name = common::string_at(block, "name");
    if (!slot.text.empty() && on_token) on_token(slot.text);
  } else if (type == "content_block_delta") {
    on_delta(data, on_token);
  } else if (type == "message_delta") {
    const json& delta = data.contains("delta") ? data["delta"] : json::object();
    if (auto reason = common::string_at(delta, "stop_reason"); !reason.empty()) m_response.finish_reason = finish_reason(reason);
    if (data.contains("usage")) read_usage(data["usage"], m_response.usage);
  } else if (type == "message_stop") {
    m_stopped = true;
  } else if (type == "error") {
    m_error = common::describe_error_body(event.data);
    m_error_is_provider = true;
  }
  // ping and content_block_stop carry nothing we keep.
}

void MessagesStreamDecoder::on_delta(const json& data, const core::llm::TokenSink& on_token) {
  const json& delta = data.contains("delta") ? data["delta"] : json::object();
  Block& block = m_blocks[common::int_at(data, "index")];
  std::string type = common::string_at(delta, "type");
  if (type == "text_delta") {
    std::string text = common::string_at(delta, "text");
    if (block.type.empty()) block.type = "text";
    block.text += text;
    if (!text.empty() && on_token) on_token(text);
  } else if (type == "input_json_delta") {
    block.input_json += common::string_at(delta, "partial_json");
  }
}

Outcome MessagesStreamDecoder::finish() {
  m_parser.finish([&](const sse::SseEvent& event) { on_event(event, {}); });
  if (!m_error.empty()) return failure(m_error_is_provider ? FailureKind::server : FailureKind::malformed, m_error);
  if (!m_started) return failure(FailureKind::malformed, "malformed stream: no message_start event");
  if (!m_stopped && m_response.finish_reason.empty())
    return failure(FailureKind::malformed, "malformed stream: ended before message_stop");
  for (auto& [index, block] : m_blocks) {
    if (block.type == "text") {
      m_response.text += block.text;
    } else if (block.type == "tool_use") {
      // Streamed arguments arrive as JSON text in pieces; store them compact, as a whole reply would.
      auto parsed = common::parse_json(block.input_json.empty() ? "{}" : block.input_json);
      std::string input = parsed ? common::dump_json(*parsed) : block.input_json;
      m_response.tool_calls.push_back({block.id, block.name, std::move(input)});
    }
  }
  m_blocks.clear();
  return std::move(m_response);
}

}  // namespace genops::providers::anthropic
