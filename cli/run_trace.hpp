#pragma once
// Views of a recorded run for `genops runs`: the step tree with timing,
// tokens and cost, and the run and its steps as JSON.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chains/store/run_queries.hpp"

namespace genops::cli {

// The run's steps as a tree, one line per step: a parent shows the totals of
// its subtree. `colour` adds ANSI colour to statuses.
std::string render_trace(const chains::RunSummary& run, const std::vector<chains::StepRecord>& steps,
                         bool colour);

// A run as JSON (inputs and outputs parsed back).
nlohmann::json run_json(const chains::RunSummary& run);
// A step as JSON; requests and outputs when present.
nlohmann::json step_json(const chains::StepRecord& step);

// "$0.0012".
std::string format_cost(double usd);
// "850ms", "1.24s", "2m05s".
std::string format_ms(std::int64_t ms);

}  // namespace genops::cli
