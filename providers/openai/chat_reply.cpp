#include "providers/openai/chat_reply.hpp"

#include "providers/common/failure.hpp"
#include "providers/common/json.hpp"

namespace genops::providers::openai {

using core::llm::Failure;
using core::llm::FailureKind;
using core::llm::Outcome;
using core::llm::Response;
using core::llm::ToolCall;
using nlohmann::json;

namespace {

Failure failure(FailureKind kind, std::string message) {
  Failure out;
  out.kind = kind;
  out.message = std::move(message);
  return out;
}

std::vector<ToolCall> parse_tool_calls(const json& calls) {
  std::vector<ToolCall> out;
  if (!calls.is_array()) return out;
  for (const auto& call : calls) {
    const json& function = call.contains("function") ? call["function"] : json::object();
    ToolCall tool{common::string_at(call, "id"), common::string_at(function, "name"), ""};
    auto args = function.is_object() ? function.find("arguments") : function.end();
    if (args != function.end()) tool.arguments_json = args->is_string() ? args->get<std::string>() : common::dump_json(*args);
    out.push_back(std::move(tool));
  }
  return out;
}

void read_usage(const json& usage, core::llm::Usage& out) {
  out.input_tokens = std::max<std::int64_t>(0, common::int_at(usage, "prompt_tokens"));
  out.output_tokens = std::max<std::int64_t>(0, common::int_at(usage, "completion_tokens"));
}

}  // namespace

std::string content_text(const json& content) {
  if (content.is_string()) return content.get<std::string>();
  std::string text;
  if (content.is_array()) {
    for (const auto& part : content) text += common::string_at(part, "text");
  }
  return text;
}

Outcome parse_chat_reply(std::string_view body) {
  auto parsed = common::parse_reply(body);
  if (!parsed) return failure(FailureKind::malformed, parsed.error());
  const json& doc = *parsed;
  if (!doc.is_object()) return failure(FailureKind::malformed, "malformed reply: expected a JSON object");
  if (doc.contains("error")) return failure(FailureKind::server, common::describe_error_body(body));
  auto choices = doc.find("choices");
  if (choices == doc.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object())
    return failure(FailureKind::malformed, "malformed reply: no choices[0]");
  const json& choice = (*choices)[0];
  auto message = choice.find("message");
  if (message == choice.end() || !message->is_object())
    return failure(FailureKind::malformed, "malformed reply: no choices[0].message");
  Response response;
  if (message->contains("content")) response.text = content_text((*message)["content"]);
  if (message->contains("tool_calls")) response.tool_calls = parse_tool_calls((*message)["tool_calls"]);
  response.finish_reason = common::string_at(choice, "finish_reason");
  response.model = common::string_at(doc, "model");
  if (doc.contains("usage") && doc["usage"].is_object()) read_usage(doc["usage"], response.usage);
  return response;
}

void ChatStreamDecoder::feed(std::string_view bytes, const core::llm::TokenSink& on_token) {
  m_parser.feed(bytes, [&](const sse::SseEvent& event) { on_event(event, on_token); });
}

void ChatStreamDecoder::on_event(const sse::SseEvent& event, const core::llm::TokenSink& on_token) {
  if (m_done || !m_error.empty()) return;
  if (event.data == "[DONE]") {
    m_done = true;
    return;
  }
  auto chunk = common::parse_json(event.data);
  if (!chunk || !chunk->is_object()) {
    m_error = "malformed stream chunk: " + (chunk ? std::string("expected a JSON object") : chunk.error());
    return;
  }
  if (chunk->contains("error")) {
    m_error = common::describe_error_body(event.data);
    m_error_is_provider = true;
    return;
  }
  m_any = true;
  on_chunk(*chunk, on_token);
}

void ChatStreamDecoder::on_chunk(const json& chunk, const core::llm::TokenSink& on_token) {
  if (auto model = common::string_at(chunk, "model"); !model.empty()) m_response.model = model;
  if (chunk.contains("usage") && chunk["usage"].is_object()) read_usage(chunk["usage"], m_response.usage);
  auto choices = chunk.find("choices");
  if (choices == chunk.end() || !choices->is_array() || choices->empty()) return;
  const json& choice = (*choices)[0];
  if (auto reason = common::string_at(choice, "finish_reason"); !reason.empty()) m_response.finish_reason = reason;
  auto delta = choice.find("delta");
  if (delta == choice.end() || !delta->is_object()) return;
  if (delta->contains("content")) {
    std::string text = content_text((*delta)["content"]);
    if (!text.empty()) {
      m_response.text += text;
      if (on_token) on_token(text);
    }
  }
  auto calls = delta->find("tool_calls");
  if (calls == delta->end() || !calls->is_array()) return;
  for (const auto& fragment : *calls) {
    std::int64_t index = std::max<std::int64_t>(0, common::int_at(fragment, "index"));
    ToolCall& call = m_calls[index];
    if (auto id = common::string_at(fragment, "id"); !id.empty()) call.id = id;
    const json& function = fragment.contains("function") ? fragment["function"] : json::object();
    if (auto name = common::string_at(function, "name"); !name.empty()) call.name += name;
    call.arguments_json += common::string_at(function, "arguments");
  }
}

Outcome ChatStreamDecoder::finish() {
  m_parser.finish([&](const sse::SseEvent& event) { on_event(event, {}); });
  if (!m_error.empty()) return failure(m_error_is_provider ? FailureKind::server : FailureKind::malformed, m_error);
  if (!m_any) return failure(FailureKind::malformed, "malformed stream: no data chunks");
  if (!m_done && m_response.finish_reason.empty())
    return failure(FailureKind::malformed, "malformed stream: ended before the reply was complete");
  for (auto& [index, call] : m_calls) m_response.tool_calls.push_back(std::move(call));
  m_calls.clear();
  return std::move(m_response);
}

}  // namespace genops::providers::openai
