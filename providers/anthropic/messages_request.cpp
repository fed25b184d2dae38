#include "providers/anthropic/messages_request.hpp"

#include <string>

#include "core/error.hpp"
#include "providers/common/json.hpp"

namespace genops::providers::anthropic {

using nlohmann::json;

namespace {

json tool_input(const core::llm::ToolCall& call) {
  if (call.arguments_json.empty()) return json::object();
  auto parsed = common::parse_json(call.arguments_json);
  if (!parsed || !parsed->is_object())
    throw core::Error(core::ErrorKind::invalid_input,
                      "tool call " + call.name + ": arguments are not a JSON object");
  return std::move(parsed).value();
}

// One of our messages as an Anthropic message (role and content blocks).
json to_anthropic_message(const core::llm::Message& message) {
  if (message.role == "tool") {
    json block = {{"type", "tool_result"}, {"tool_use_id", message.tool_call_id}, {"content", message.content}};
    return {{"role", "user"}, {"content", json::array({block})}};
  }
  if (message.role == "assistant" && !message.tool_calls.empty()) {
    json blocks = json::array();
    if (!message.content.empty()) blocks.push_back({{"type", "text"}, {"text", message.content}});
    for (const auto& call : message.tool_calls)
      blocks.push_back({{"type", "tool_use"}, {"id", call.id}, {"name", call.name}, {"input", tool_input(call)}});
    return {{"role", "assistant"}, {"content", std::move(blocks)}};
  }
  return {{"role", message.role}, {"content", message.content}};
}

json as_blocks(const json& content) {
  if (content.is_array()) return content;
  return json::array({{{"type", "text"}, {"text", content}}});
}

// The API wants user and assistant turns to alternate: several tool results
// answering one assistant turn go into one user message.
json merge_same_role(const std::vector<json>& messages) {
  json out = json::array();
  for (const auto& message : messages) {
    if (!out.empty() && out.back()["role"] == message["role"]) {
      json blocks = as_blocks(out.back()["content"]);
      for (const auto& block : as_blocks(message["content"])) blocks.push_back(block);
      out.back()["content"] = std::move(blocks);
    } else {
      out.push_back(message);
    }
  }
  return out;
}

}  // namespace

json build_messages_body(const core::llm::Request& request, common::Streaming streaming) {
  json body = {{"model", request.model}, {"max_tokens", request.max_tokens.value_or(k_default_max_tokens)}};
  std::string system;
  std::vector<json> messages;
  for (const auto& message : request.messages) {
    if (message.role == "system") {
      if (!system.empty()) system += "\n\n";
      system += message.content;
    } else {
      messages.push_back(to_anthropic_message(message));
    }
  }
  if (!system.empty()) body["system"] = system;
  body["messages"] = merge_same_role(messages);
  if (request.temperature) body["temperature"] = *request.temperature;
  if (request.top_p) body["top_p"] = *request.top_p;
  if (!request.stop.empty()) body["stop_sequences"] = request.stop;
  if (!request.tools.empty()) {
    json tools = json::array();
    for (const auto& tool : request.tools) {
      // input_schema must be an object schema; an empty one means "no arguments".
      json schema = tool.parameters.empty() ? json{{"type", "object"}, {"properties", json::object()}} : tool.parameters;
      json spec = {{"name", tool.name}, {"input_schema", std::move(schema)}};
      if (!tool.description.empty()) spec["description"] = tool.description;
      tools.push_back(std::move(spec));
    }
    body["tools"] = std::move(tools);
  }
  if (streaming == common::Streaming::yes) body["stream"] = true;
  return body;
}

}  // namespace genops::providers::anthropic
