#pragma once
// Checks on raw YAML text made before yaml-cpp sees it (internal to core/yaml):
// bad UTF-8, control characters, tabs in indentation, and an estimate of the
// nesting depth, so that hostile input fails fast with a located message.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/yaml/document.hpp"

namespace genops::core::yaml {

// A problem found in the text, at byte `offset`.
struct TextProblem {
  std::size_t offset = 0;
  std::string message;
  std::vector<std::string> hints;
};

// The first problem in `text`, if any, from one pass. The depth estimate
// follows block indentation, compact `- - x` entries and flow brackets outside
// quotes, comments and block scalars. It is exact for ordinary files and errs
// low, never high (checked against the YAML test suite), so it rejects no
// valid file; the converter enforces the exact limit.
std::optional<TextProblem> prescan(std::string_view text, const Limits& limits);

}  // namespace genops::core::yaml
