#include "providers/openai/chat_request.hpp"

namespace genops::providers::openai {

using nlohmann::json;

json to_openai_message(const core::llm::Message& message) {
  json out = {{"role", message.role}};
  if (message.role == "assistant" && !message.tool_calls.empty()) {
    // OpenAI wants null content, not "", beside tool calls.
    out["content"] = message.content.empty() ? json(nullptr) : json(message.content);
    json calls = json::array();
    for (const auto& call : message.tool_calls) {
      calls.push_back({{"id", call.id},
                       {"type", "function"},
                       {"function", {{"name", call.name}, {"arguments", call.arguments_json}}}});
    }
    out["tool_calls"] = std::move(calls);
  } else {
    out["content"] = message.content;
  }
  if (message.role == "tool") out["tool_call_id"] = message.tool_call_id;
  return out;
}

json build_chat_body(const core::llm::Request& request, common::Streaming streaming, MaxTokensField max_tokens_field) {
  json body = {{"model", request.model}};
  json messages = json::array();
  for (const auto& message : request.messages) messages.push_back(to_openai_message(message));
  body["messages"] = std::move(messages);
  if (request.temperature) body["temperature"] = *request.temperature;
  if (request.top_p) body["top_p"] = *request.top_p;
  if (request.max_tokens) {
    const char* field = max_tokens_field == MaxTokensField::max_tokens ? "max_tokens" : "max_completion_tokens";
    body[field] = *request.max_tokens;
  }
  if (request.seed) body["seed"] = *request.seed;
  if (!request.stop.empty()) body["stop"] = request.stop;
  if (!request.tools.empty()) {
    json tools = json::array();
    for (const auto& tool : request.tools) {
      json function = {{"name", tool.name}, {"parameters", tool.parameters}};
      if (!tool.description.empty()) function["description"] = tool.description;
      tools.push_back({{"type", "function"}, {"function", std::move(function)}});
    }
    body["tools"] = std::move(tools);
  }
  if (!request.response_format.is_null()) body["response_format"] = request.response_format;
  if (streaming == common::Streaming::yes) {
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};
  }
  return body;
}

}  // namespace genops::providers::openai
