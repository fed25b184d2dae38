#include "providers/ollama/chat_reply.hpp"

#include "providers/common/failure.hpp"
#include "providers/common/json.hpp"

namespace genops::providers::ollama {

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

void read_tool_calls(const json& message, Response& response) {
  auto calls = message.find("tool_calls");
  if (calls == message.end() || !calls->is_array()) return;
  for (const auto& call : *calls) {
    const json& function = call.contains("function") ? call["function"] : json::object();
    std::string id = common::string_at(call, "id");
    if (id.empty()) id = "call_" + std::to_string(response.tool_calls.size());
    json args = function.is_object() && function.contains("arguments") ? function["arguments"] : json::object();
    std::string arguments = args.is_string() ? args.get<std::string>() : common::dump_json(args);
    response.tool_calls.push_back({std::move(id), common::string_at(function, "name"), std::move(arguments)});
  }
}

// The fields of the final object (whole reply or last stream line).
void read_final(const json& doc, Response& response) {
  response.finish_reason = common::string_at(doc, "done_reason");
  if (response.finish_reason.empty()) response.finish_reason = "stop";
  if (!response.tool_calls.empty() && response.finish_reason == "stop") response.finish_reason = "tool_calls";
  if (auto in = common::int_at(doc, "prompt_eval_count"); in >= 0) response.usage.input_tokens = in;
  if (auto produced = common::int_at(doc, "eval_count"); produced >= 0) response.usage.output_tokens = produced;
}

}  // namespace

Outcome parse_chat_reply(std::string_view body) {
  auto parsed = common::parse_reply(body);
  if (!parsed) return failure(FailureKind::malformed, parsed.error());
  const json& doc = *parsed;
  if (!doc.is_object()) return failure(FailureKind::malformed, "malformed reply: expected a JSON object");
  if (doc.contains("error")) return failure(FailureKind::server, common::describe_error_body(body));
  auto message = doc.find("message");
  if (message == doc.end() || !message->is_object()) return failure(FailureKind::malformed, "malformed reply: no message");
  Response response;
  response.text = common::string_at(*message, "content");
  read_tool_calls(*message, response);
  response.model = common::string_at(doc, "model");
  read_final(doc, response);
  return response;
}

void ChatStreamDecoder::feed(std::string_view bytes, const core::llm::TokenSink& on_token) {
  while (!bytes.empty()) {
    auto end = bytes.find('\n');
    if (end == std::string_view::npos) {
      m_pending.append(bytes);
      return;
    }
    m_pending.append(bytes.substr(0, end));
    bytes.remove_prefix(end + 1);
    std::string line = std::move(m_pending);
    m_pending.clear();
    on_line(line, on_token);
  }
}

void ChatStreamDecoder::on_line(std::string_view line, const core::llm::TokenSink& on_token) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos || m_done || !m_error.empty()) return;
  auto parsed = common::parse_json(line);
  if (!parsed || !parsed->is_object()) {
    m_error = "malformed stream line: " + (parsed ? std::string("expected a JSON object") : parsed.error());
    return;
  }
  const json& doc = *parsed;
  if (doc.contains("error")) {
    m_error = common::describe_error_body(line);
    m_error_is_provider = true;
    return;
  }
  m_any = true;
  if (auto model = common::string_at(doc, "model"); !model.empty()) m_response.model = model;
  if (doc.contains("message") && doc["message"].is_object()) {
    std::string text = common::string_at(doc["message"], "content");
    if (!text.empty()) {
      m_response.text += text;
      if (on_token) on_token(text);
    }
    read_tool_calls(doc["message"], m_response);
  }
  if (doc.contains("done") && doc["done"].is_boolean() && doc["done"].get<bool>()) {
    m_done = true;
    read_final(doc, m_response);
  }
}

Outcome ChatStreamDecoder::finish() {
  if (!m_pending.empty()) {
    std::string line = std::move(m_pending);
    m_pending.clear();
    on_line(line, {});
  }
  if (!m_error.empty()) return failure(m_error_is_provider ? FailureKind::server : FailureKind::malformed, m_error);
  if (!m_any) return failure(FailureKind::malformed, "malformed stream: no lines");
  if (!m_done) return failure(FailureKind::malformed, "malformed stream: ended before \"done\": true");
  return std::move(m_response);
}

}  // namespace genops::providers::ollama
