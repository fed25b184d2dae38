#pragma once
// The Ollama native chat request body (POST /api/chat).
#include <nlohmann/json.hpp>

#include "core/llm/types.hpp"
#include "providers/common/wire_format.hpp"

namespace genops::providers::ollama {

// model, messages (assistant tool_calls with object arguments; tool messages
// with tool_name), stream (always sent: Ollama streams by default), options
// {temperature, top_p, num_predict, seed, stop}, format ("json" for
// response_format json_object; the schema for json_schema), tools, and
// keep_alive when `keep_alive` is not null. Throws Error(invalid_input) when a
// tool call's arguments are not a JSON object.
nlohmann::json build_chat_body(const core::llm::Request& request, common::Streaming streaming,
                               const nlohmann::json& keep_alive);

// Ollama's `format` for an OpenAI-shaped response_format, or null for none.
nlohmann::json format_for(const nlohmann::json& response_format);

}  // namespace genops::providers::ollama
