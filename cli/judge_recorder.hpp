#pragma once
// Records each judge call of an eval (llm-rubric, factuality, ...) as a run of
// kind "judge" with one llm step, so its request, reply, tokens and cost are
// in the lineage store like any other model call.
#include <string>

#include "chains/store/run_records.hpp"
#include "core/llm/model_client.hpp"

namespace genops::cli {

// Writes one judge run to `sink`; `provider` is the judge's provider name,
// `eval_run_id` goes in the run's batch id. Thread-safe (the sink is).
void record_judge_call(chains::RunSink& sink, const std::string& eval_run_id, const std::string& provider,
                       const core::llm::Request& request, const core::llm::Outcome& outcome);

}  // namespace genops::cli
