#pragma once
// Token estimates for replies that report no usage: about 4 bytes per token.
#include <cstdint>
#include <string_view>

#include "core/llm/types.hpp"

namespace genops::providers::common {

// ceil(bytes / 4); 0 for empty text.
std::int64_t estimate_tokens(std::string_view text);

// Estimated prompt tokens of `request`: message contents, tool-call arguments
// and tool schemas, plus a few tokens of framing per message.
std::int64_t estimate_input_tokens(const core::llm::Request& request);

// Estimated completion tokens of `response`: its text and tool-call arguments.
std::int64_t estimate_output_tokens(const core::llm::Response& response);

}  // namespace genops::providers::common
