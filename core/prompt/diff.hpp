#pragma once
// The difference between two prompt versions: a unified diff of their
// messages (libdtl-dev; this is its one home) and a key-by-key diff of model
// config and inputs.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/prompt/prompt_spec.hpp"

namespace genops::core::prompt {

struct DiffLine {
  char op = ' ';  // ' ' common, '-' removed, '+' added
  std::string text;
};

struct DiffHunk {
  long long old_start = 0, old_count = 0, new_start = 0, new_count = 0;
  std::vector<DiffLine> lines;
};

struct ValueChange {
  std::string path;                     // "model.temperature", "inputs.question.default"
  std::optional<nlohmann::json> before;  // absent: added
  std::optional<nlohmann::json> after;   // absent: removed
};

struct PromptDiff {
  std::vector<DiffHunk> hunks;         // messages, as "[role]" headers followed by content lines
  std::vector<ValueChange> model;
  std::vector<ValueChange> inputs;
  bool identical() const { return hunks.empty() && model.empty() && inputs.empty(); }
};

// The messages of a prompt as the lines the diff compares.
std::vector<std::string> message_lines(const PromptSpec& spec);

PromptDiff diff_prompts(const PromptSpec& before, const PromptSpec& after);

// Flattens nested JSON objects into dotted paths; arrays stay whole values.
void flatten_json(const nlohmann::json& value, const std::string& prefix,
                  std::vector<std::pair<std::string, nlohmann::json>>& out);

}  // namespace genops::core::prompt
