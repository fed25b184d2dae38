#include "providers/cache/cached_response.hpp"

#include "providers/common/json.hpp"

namespace genops::providers::cache {

using nlohmann::json;

namespace {
constexpr int k_format_version = 1;
}  // namespace

std::string serialize_response(const core::llm::Response& response) {
  json calls = json::array();
  for (const auto& call : response.tool_calls)
    calls.push_back({{"id", call.id}, {"name", call.name}, {"arguments", call.arguments_json}});
  json doc = {{"v", k_format_version},
              {"text", response.text},
              {"tool_calls", std::move(calls)},
              {"finish_reason", response.finish_reason},
              {"model", response.model},
              {"usage",
               {{"input_tokens", response.usage.input_tokens},
                {"output_tokens", response.usage.output_tokens},
                {"estimated", response.usage.estimated}}}};
  return common::dump_json(doc);
}

std::optional<core::llm::Response> deserialize_response(std::string_view text) {
  auto parsed = common::parse_json(text);
  if (!parsed || !parsed->is_object() || common::int_at(*parsed, "v") != k_format_version) return std::nullopt;
  const json& doc = *parsed;
  try {
    core::llm::Response response;
    response.text = doc.at("text").get<std::string>();
    for (const auto& call : doc.at("tool_calls"))
      response.tool_calls.push_back(
          {call.at("id").get<std::string>(), call.at("name").get<std::string>(), call.at("arguments").get<std::string>()});
    response.finish_reason = doc.at("finish_reason").get<std::string>();
    response.model = doc.at("model").get<std::string>();
    const json& usage = doc.at("usage");
    response.usage.input_tokens = usage.at("input_tokens").get<std::int64_t>();
    response.usage.output_tokens = usage.at("output_tokens").get<std::int64_t>();
    response.usage.estimated = usage.at("estimated").get<bool>();
    return response;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace genops::providers::cache
