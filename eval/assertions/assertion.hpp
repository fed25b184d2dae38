#pragma once
// An assertion as the eval file declares it, what it is evaluated against,
// and the one entry point that evaluates any type (a table in registry.cpp).
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/llm/model_client.hpp"
#include "eval/result.hpp"

namespace genops::eval::assertions {

// One `assert:` entry, parsed and checked by the suite loader.
struct AssertionSpec {
  std::string type;        // without the not- prefix: "contains", "rougeL", "llm-rubric"
  bool negate = false;     // written with a not- prefix
  // `value:` as written (string, number, list or map); strings are Mustache
  // templates over the case's vars and `expected`, rendered before evaluation.
  nlohmann::json value;
  std::optional<double> threshold;
  double weight = 1;
  std::string metric;      // `metric:`; "" means the type
  std::string provider;    // `provider:` for judges and `similar` ("" = the suite's default)
  // Every other key of the entry, already checked against the type's allowed
  // keys by the loader (e.g. exec's `command` and `timeout`, rubric `rubric_prompt`).
  nlohmann::json options = nlohmann::json::object();
  std::string where;       // "evals/support.yaml:14:9: tests[0].assert[2]" for messages
};

// What an assertion looks at.
struct AssertionInput {
  std::string_view output;                  // the target's output as text
  const nlohmann::json* outputs = nullptr;  // the chain's outputs as JSON (may be a string)
  const nlohmann::json* vars = nullptr;     // the case's vars
  std::optional<std::string> expected;      // the case's `expected`
  std::chrono::milliseconds latency{0};
  double cost_usd = 0;
  std::int64_t input_tokens = 0, output_tokens = 0;
  std::string_view case_key;
};

// What assertions may call. Everything outlives the evaluation.
struct AssertionServices {
  // A configured provider by name (judges, embeddings); "" gives the suite's
  // default judge. Throws Error(invalid_input) for an unknown provider.
  std::function<core::llm::ModelClient&(const std::string&)> client;
  // Records a judge's call (the provider's name, request and reply); may be empty.
  std::function<void(const std::string&, const core::llm::Request&, const core::llm::Outcome&)> record_call;
  std::string project_dir;  // where exec commands run
  std::vector<std::string> secret_env;  // variables exec scorers never see: every provider's api_key_env
};

// Evaluates one assertion. Never throws for a bad output, a judge's garbage
// or a scorer that crashes: those come back as a failing result with
// `error = true` and a reason. `spec.value` must already be rendered.
AssertionResult evaluate(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices& services);

// The known types (without not-), for the loader's did-you-mean.
const std::vector<std::string>& assertion_types();

// The extra keys a type accepts beyond type/value/threshold/weight/metric/provider.
std::vector<std::string> assertion_option_keys(std::string_view type);

// What the loader, the scorer and the CLI need to know of a type.
enum class Uses { nothing, judge, embedding, program };  // what evaluating it calls
struct AssertionTraits {
  bool needs_value = false;     // compares with `value:` and cannot work without one
  bool unit_threshold = false;  // its threshold is held against a 0..1 score
  bool usage_score = false;     // latency/cost/tokens: the score is in ms/USD/count, not 0..1
  Uses uses = Uses::nothing;
};
// The traits of a known type (without not-); default traits for an unknown one.
AssertionTraits assertion_traits(std::string_view type);

}  // namespace genops::eval::assertions
