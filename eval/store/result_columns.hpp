#pragma once
// How a CaseResult's assertions are kept in eval_results.assertions: a JSON
// list of {type, metric, pass, weight, score?, threshold?, reason?, error?}.
#include <string>
#include <string_view>
#include <vector>

#include "eval/result.hpp"

namespace genops::eval {

// The assertions as the stored JSON list (keys in the order above).
std::string assertions_json(const std::vector<AssertionResult>& assertions);
// The stored JSON list read back. Throws Error(storage) when it is not a JSON list.
std::vector<AssertionResult> parse_assertions(std::string_view text);

}  // namespace genops::eval
