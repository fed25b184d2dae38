#pragma once
// What llm and agent steps share: building the request from a prompt version
// or inline messages, recording it, accounting usage, and reading JSON out of
// a reply (internal to chains/).
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "chains/chain.hpp"
#include "chains/run/run_context.hpp"
#include "core/expected.hpp"
#include "chains/store/run_records.hpp"
#include "core/llm/types.hpp"

namespace genops::chains::steps {

// Renders `call` in `scope` into a request (model settings applied) and
// fills the record's prompt, provider, model, params and request. Throws
// Error(invalid_input) for a missing or mistyped prompt variable.
core::llm::Request build_request(const ModelCall& call, const Scope& scope, chains::StepRecord& record);

// The request as stored: messages, tools and parameters, as JSON text.
std::string request_text(const core::llm::Request& request);

// Adds a reply's usage to the record and the run's budget; stops the run
// (budget_exceeded) when that passes a limit.
void account(run::RunContext& run, chains::StepRecord& record, const core::llm::Response& response);

// "provider local failed (server, HTTP 500): message [http://host/v1/chat/completions]"
// (the URL redacted, when the failure has one).
std::string describe_failure(const std::string& provider, const core::llm::Failure& failure);

// The JSON in a reply: the whole text, or inside a ```json fence, or from
// the first '{' or '[' to the last matching bracket; depth-limited.
core::Expected<nlohmann::json> extract_json(std::string_view text);

// Checks whether the run may make another model call; stops it (and
// returns false) when a budget limit was reached.
bool may_call(run::RunContext& run);

}  // namespace genops::chains::steps
