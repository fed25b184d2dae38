#pragma once
// How a Response is stored in the ResponseCache: a small versioned JSON text.
#include <optional>
#include <string>
#include <string_view>

#include "core/llm/types.hpp"

namespace genops::providers::cache {

// text, tool_calls, finish_reason, model and usage; not latency, cost or retries,
// which belong to the call that produced it.
std::string serialize_response(const core::llm::Response& response);

// The response stored by serialize_response(), or nullopt for anything else
// (an older format, a damaged value): a miss, never an error.
std::optional<core::llm::Response> deserialize_response(std::string_view text);

}  // namespace genops::providers::cache
