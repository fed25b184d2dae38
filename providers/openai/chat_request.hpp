#pragma once
// The OpenAI Chat Completions request body (POST /chat/completions), as
// OpenAI, vLLM, llama.cpp's server, Ollama's /v1 and LM Studio accept it.
#include <nlohmann/json.hpp>

#include "core/llm/types.hpp"
#include "providers/common/wire_format.hpp"

namespace genops::providers::openai {

// model, messages (assistant tool_calls, tool messages with tool_call_id),
// temperature, top_p, max_tokens, seed, stop, tools, response_format; with
// streaming, stream and stream_options.include_usage. Unset fields are omitted.
nlohmann::json build_chat_body(const core::llm::Request& request, common::Streaming streaming);

// One message in OpenAI's shape.
nlohmann::json to_openai_message(const core::llm::Message& message);

}  // namespace genops::providers::openai
