#pragma once
// A prompt's or step's `model:` map (DESIGN §1) applied to a Request.
#include <nlohmann/json.hpp>

#include "core/llm/types.hpp"

namespace genops::core::llm {

// Copies model, temperature, top_p, max_tokens, seed, stop and
// response_format from `model` into `request`; `provider` is not a request
// setting and is skipped. When `params` is given it receives every applied
// key, for lineage.
void apply_model_settings(const nlohmann::json& model, Request& request, nlohmann::json* params = nullptr);

}  // namespace genops::core::llm
