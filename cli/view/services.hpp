#pragma once
// What the viewer needs from the rest of genops, given by `genops view`
// (cli/commands/view.cpp): store connections from the composition root, and
// the label moves and score deltas of `prompt label`, `evals label` and
// `prompt diff --scores`, so the UI takes the same code paths as the CLI.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/lineage/store.hpp"
#include "core/prompt/prompt_store.hpp"

namespace genops::cli::view {

using StoreConnection = std::unique_ptr<core::lineage::Store>;
using PromptStorePtr = std::unique_ptr<core::prompt::PromptStore>;

struct ViewServices {
  // A connection of its own to the store (one per server worker, reused).
  std::function<StoreConnection()> open_store;
  // A prompt store over a worker's connection.
  std::function<PromptStorePtr(core::lineage::Store&)> open_prompts;
  // Moves `label` of prompt `name` to version `number`; returns what happened
  // as `prompt label` prints it. Throws core::Error for a bad label or version.
  std::function<std::string(core::lineage::Store&, const std::string& name, std::int64_t number, const std::string& label)>
      move_prompt_label;
  // Points `label` of the run's eval at eval run `run`, as `evals label`.
  std::function<std::string(core::lineage::Store&, const std::string& run, const std::string& label)> move_eval_label;
  // `prompt diff A B --scores --json`'s deltas for versions a and b of `name`.
  std::function<nlohmann::json(core::lineage::Store&, const std::string& name, std::int64_t a, std::int64_t b)>
      score_deltas;
};

// A request's parameters (query, or a POSTed form), first value of each.
using ParamMap = std::map<std::string, std::string>;

}  // namespace genops::cli::view
