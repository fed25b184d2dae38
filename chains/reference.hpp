#pragma once
// Dotted paths in templates and `when` expressions (`inputs.question`,
// `steps.intent.output.intent`, `item.title`), bound once at load time to
// what they read, and resolved against a Scope at run time.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "chains/scope.hpp"

namespace genops::chains {

// A bound path.
struct Reference {
  enum class Root { input, step, local };
  Root root = Root::input;
  std::string name;               // the input or local name, or the step id
  std::size_t step = 0;           // Root::step: the step's index in its chain
  std::vector<std::string> rest;  // segments after `inputs.NAME`, `steps.ID.output` or `LOCAL`
  std::string text;               // as written
};

// The names readable at one place of a chain file.
struct ScopeShape {
  std::vector<std::string> inputs;  // the chain's declared inputs
  std::vector<std::string> steps;   // the chain's step ids, by index
  std::vector<std::string> locals;  // item, index, loop, args, output, iteration where they apply
  std::optional<std::size_t> self;  // the step being defined, which may not read itself
};

// Why a path does not bind: a message and did-you-mean hints.
struct BindError {
  std::string message;
  std::vector<std::string> hints;
};

// Binds `path` ("steps.intent.output.intent") against `shape`.
std::variant<Reference, BindError> bind_reference(std::string_view path, const ScopeShape& shape);

// The value `ref` reads in `scope`, or nullptr when there is none (a skipped
// step, a missing field, an index past the end). Never throws.
const nlohmann::json* resolve(const Reference& ref, const Scope& scope);

// `value` as template text: strings verbatim, null as "", numbers and
// booleans as JSON, objects and lists as compact JSON.
std::string to_text(const nlohmann::json& value);

}  // namespace genops::chains
