#pragma once
// Prompt references: `name`, `name@3`, `name@production`, `name@sha:1f3a9c`.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/prompt/prompt_store.hpp"

namespace genops::core::prompt {

struct PromptRef {
  enum class Kind { latest, number, label, hash };
  std::string name;
  Kind kind = Kind::latest;
  std::int64_t number = 0;  // Kind::number
  std::string value;        // label or hash prefix
  std::string text;         // as written
};

// Parses a reference; throws Error(invalid_input) on a malformed one.
PromptRef parse_prompt_ref(std::string_view text);

// Finds the version a reference names. Throws Error(invalid_input) with a
// did-you-mean for an unknown name, version or label, and for an ambiguous
// or unknown hash prefix.
core::prompt::PromptVersionRecord resolve_prompt_ref(core::prompt::PromptStore& store, const PromptRef& ref);

}  // namespace genops::core::prompt
