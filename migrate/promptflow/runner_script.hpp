#pragma once
// The small Python program an imported `python` node runs through: it
// imports the node's file, calls its tool function with the step's inputs
// (JSON on stdin) and prints the result as JSON. Prompt flow need not be
// installed: `promptflow.core.tool` and `promptflow.tool` get stand-ins.
#include <string>

namespace genops::migrate::promptflow {

// The runner's path inside a generated project, relative to the chain file.
inline constexpr const char* k_runner_path = "tools/_promptflow_runner.py";

// The runner's source text.
std::string runner_script();

}  // namespace genops::migrate::promptflow
