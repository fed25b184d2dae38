#pragma once
// The Anthropic Messages API request body (POST /v1/messages).
#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/llm/types.hpp"
#include "providers/common/wire_format.hpp"

namespace genops::providers::anthropic {

inline constexpr std::int64_t k_default_max_tokens = 1024;  // the API requires max_tokens

// model, max_tokens (default 1024), system (the system messages joined by a
// blank line), messages (assistant tool_use blocks; tool results as user
// tool_result blocks; consecutive same-role messages merged), temperature,
// top_p, stop_sequences, tools {name, description, input_schema}, stream.
// Throws Error(invalid_input) when a tool call's arguments are not a JSON object.
nlohmann::json build_messages_body(const core::llm::Request& request, common::Streaming streaming);

}  // namespace genops::providers::anthropic
