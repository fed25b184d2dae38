#include "providers/common/usage.hpp"

namespace genops::providers::common {

namespace {
constexpr std::int64_t k_tokens_per_message = 4;  // role and separators, as chat formats add
}  // namespace

std::int64_t estimate_tokens(std::string_view text) {
  return static_cast<std::int64_t>((text.size() + 3) / 4);
}

std::int64_t estimate_input_tokens(const core::llm::Request& request) {
  std::int64_t total = 0;
  for (const auto& message : request.messages) {
    total += k_tokens_per_message + estimate_tokens(message.content);
    for (const auto& call : message.tool_calls) total += estimate_tokens(call.name) + estimate_tokens(call.arguments_json);
  }
  for (const auto& tool : request.tools) {
    total += estimate_tokens(tool.name) + estimate_tokens(tool.description) +
             estimate_tokens(tool.parameters.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return total;
}

std::int64_t estimate_output_tokens(const core::llm::Response& response) {
  std::int64_t total = estimate_tokens(response.text);
  for (const auto& call : response.tool_calls) total += estimate_tokens(call.name) + estimate_tokens(call.arguments_json);
  return total;
}

}  // namespace genops::providers::common
