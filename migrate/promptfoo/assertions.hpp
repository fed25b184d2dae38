#pragma once
// promptfoo assertions as genops assertions (docs/eval.md "Assertions"):
// most keep their name; `levenshtein`'s threshold (a maximum edit distance)
// becomes `max_distance`; `rouge-n` becomes `rouge1`; scripts and the
// model-graded types genops lacks are unsupported items.
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "migrate/common/notes.hpp"

namespace genops::migrate::promptfoo {

struct MappedAssertion {
  nlohmann::ordered_json spec;  // the genops assertion
  std::string comment;          // "" or why the shape or meaning changed (written beside it)
};

// Turns a promptfoo provider reference (an id string or {id, config}) into a
// genops provider name, adding the provider to the project; nullopt when unsupported.
using ProviderResolver = std::function<std::optional<std::string>(const nlohmann::json&, const Location&)>;

// Maps one assertion. Returns nullopt (with an unsupported item in `notes`)
// when genops has no counterpart.
std::optional<MappedAssertion> map_assertion(const nlohmann::json& assertion, const Location& at,
                                             const ProviderResolver& providers, Notes& notes);

}  // namespace genops::migrate::promptfoo
