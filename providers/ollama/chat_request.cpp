#include "providers/ollama/chat_request.hpp"

#include <map>

#include "core/error.hpp"
#include "providers/common/json.hpp"

namespace genops::providers::ollama {

using nlohmann::json;

namespace {

json arguments_object(const core::llm::ToolCall& call) {
  if (call.arguments_json.empty()) return json::object();
  auto parsed = common::parse_json(call.arguments_json);
  if (!parsed || !parsed->is_object())
    throw core::Error(core::ErrorKind::invalid_input, "tool call " + call.name + ": arguments are not a JSON object");
  return std::move(parsed).value();
}

json messages_body(const std::vector<core::llm::Message>& messages) {
  std::map<std::string, std::string> tool_names;  // call id -> tool name, for tool results
  json out = json::array();
  for (const auto& message : messages) {
    json item = {{"role", message.role}, {"content", message.content}};
    if (!message.tool_calls.empty()) {
      json calls = json::array();
      for (const auto& call : message.tool_calls) {
        tool_names[call.id] = call.name;
        calls.push_back({{"function", {{"name", call.name}, {"arguments", arguments_object(call)}}}});
      }
      item["tool_calls"] = std::move(calls);
    }
    if (message.role == "tool") {
      auto name = tool_names.find(message.tool_call_id);
      if (name != tool_names.end()) item["tool_name"] = name->second;
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

json format_for(const json& response_format) {
  if (response_format.is_string()) return response_format;
  if (!response_format.is_object()) return nullptr;
  std::string type = common::string_at(response_format, "type");
  if (type == "json_object") return "json";
  if (type == "json_schema") {
    const json& spec = response_format.contains("json_schema") ? response_format["json_schema"] : json::object();
    if (spec.is_object() && spec.contains("schema")) return spec["schema"];
    return "json";
  }
  if (type == "text") return nullptr;
  return response_format;  // already a JSON schema
}

json build_chat_body(const core::llm::Request& request, common::Streaming streaming, const json& keep_alive) {
  json body = {{"model", request.model},
               {"messages", messages_body(request.messages)},
               {"stream", streaming == common::Streaming::yes}};
  json options = json::object();
  if (request.temperature) options["temperature"] = *request.temperature;
  if (request.top_p) options["top_p"] = *request.top_p;
  if (request.max_tokens) options["num_predict"] = *request.max_tokens;
  if (request.seed) options["seed"] = *request.seed;
  if (!request.stop.empty()) options["stop"] = request.stop;
  if (!options.empty()) body["options"] = std::move(options);
  if (auto format = format_for(request.response_format); !format.is_null()) body["format"] = std::move(format);
  if (!request.tools.empty()) {
    json tools = json::array();
    for (const auto& tool : request.tools) {
      tools.push_back({{"type", "function"},
                       {"function", {{"name", tool.name}, {"description", tool.description}, {"parameters", tool.parameters}}}});
    }
    body["tools"] = std::move(tools);
  }
  if (!keep_alive.is_null()) body["keep_alive"] = keep_alive;
  return body;
}

}  // namespace genops::providers::ollama
