#pragma once
// The OpenAI Chat Completions request body (POST /chat/completions), as
// OpenAI, vLLM, llama.cpp's server, Ollama's /v1 and LM Studio accept it.
#include <nlohmann/json.hpp>

#include "core/llm/types.hpp"
#include "providers/common/wire_format.hpp"

namespace genops::providers::openai {

// The name the reply-length limit is sent under: OpenAI's own API wants
// max_completion_tokens (its reasoning models reject max_tokens); compatible
// servers (vLLM, llama.cpp, Ollama, LM Studio) know max_tokens.
enum class MaxTokensField { max_tokens, max_completion_tokens };

// model, messages (assistant tool_calls, tool messages with tool_call_id),
// temperature, top_p, the reply-length limit, seed, stop, tools,
// response_format; with streaming, stream and stream_options.include_usage.
// Unset fields are omitted.
nlohmann::json build_chat_body(const core::llm::Request& request, common::Streaming streaming,
                               MaxTokensField max_tokens_field = MaxTokensField::max_tokens);

// One message in OpenAI's shape.
nlohmann::json to_openai_message(const core::llm::Message& message);

}  // namespace genops::providers::openai
