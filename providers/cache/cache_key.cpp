#include "providers/cache/cache_key.hpp"

#include "core/hash.hpp"
#include "providers/common/json.hpp"

namespace genops::providers::cache {

using nlohmann::json;

namespace {

constexpr int k_key_version = 1;  // bump when the document's shape changes

json messages_json(const std::vector<core::llm::Message>& messages) {
  json out = json::array();
  for (const auto& message : messages) {
    json item = {{"role", message.role}, {"content", message.content}};
    if (!message.tool_calls.empty()) {
      json calls = json::array();
      for (const auto& call : message.tool_calls)
        calls.push_back({{"id", call.id}, {"name", call.name}, {"arguments", call.arguments_json}});
      item["tool_calls"] = std::move(calls);
    }
    if (!message.tool_call_id.empty()) item["tool_call_id"] = message.tool_call_id;
    out.push_back(std::move(item));
  }
  return out;
}

json tools_json(const std::vector<core::llm::ToolSpec>& tools) {
  json out = json::array();
  for (const auto& tool : tools)
    out.push_back({{"name", tool.name}, {"description", tool.description}, {"parameters", tool.parameters}});
  return out;
}

}  // namespace

json cache_document(const ProviderIdentity& identity, std::string_view model, const core::llm::Request& request) {
  // nlohmann::json objects are ordered maps, so dump() is already canonical.
  json doc = {{"v", k_key_version},
              {"kind", identity.kind},
              {"base_url", identity.base_url},
              {"model", model},
              {"messages", messages_json(request.messages)},
              {"temperature", request.temperature ? json(*request.temperature) : json()},
              {"top_p", request.top_p ? json(*request.top_p) : json()},
              {"max_tokens", request.max_tokens ? json(*request.max_tokens) : json()},
              {"seed", request.seed ? json(*request.seed) : json()},
              {"stop", request.stop},
              {"tools", tools_json(request.tools)},
              {"response_format", request.response_format}};
  if (!identity.extra.empty()) doc["extra"] = identity.extra;
  if (identity.kind == "mock") doc["vars"] = request.vars;
  return doc;
}

std::string cache_key(const ProviderIdentity& identity, std::string_view model, const core::llm::Request& request) {
  return core::sha256_hex(common::dump_json(cache_document(identity, model, request)));
}

}  // namespace genops::providers::cache
