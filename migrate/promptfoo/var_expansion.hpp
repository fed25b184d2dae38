#pragma once
// promptfoo runs a test once per combination of its list-valued vars
// (src/evaluator.ts, generateVarCombinations): a var whose value is a list
// whose first item is a string expands; any other list is one value.
#include <vector>

#include <nlohmann/json.hpp>

namespace genops::migrate::promptfoo {

// Every combination, in promptfoo's order (the first var varies slowest).
// An empty map gives one empty combination.
std::vector<nlohmann::ordered_json> expand_vars(const nlohmann::ordered_json& vars);

}  // namespace genops::migrate::promptfoo
