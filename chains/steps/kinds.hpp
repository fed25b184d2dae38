#pragma once
// One function per step kind (one file each), called by execute_step with
// the step's record to fill; each calls `done` exactly once, from a worker
// thread (internal to chains/).
#include <cstdint>
#include <memory>

#include "chains/run/run_context.hpp"
#include "chains/store/run_records.hpp"

namespace genops::chains::steps {

// What a kind gets: the run, the step, its scope and its record.
struct StepCall {
  std::shared_ptr<run::RunContext> run;
  const Step* step = nullptr;
  std::shared_ptr<const Scope> scope;
  std::int64_t seq = 0;  // this step's record, the parent of any children
  int chain_depth = 0;
  std::shared_ptr<chains::StepRecord> record;  // provider, model, request, tokens…

  // The place of a child of this step.
  run::Place child(std::optional<std::int64_t> item_index) const { return {seq, item_index, chain_depth}; }
};

void run_llm(const StepCall& call, run::StepDone done);
void run_transform(const StepCall& call, run::StepDone done);
void run_retrieve(const StepCall& call, run::StepDone done);
void run_map(const StepCall& call, run::StepDone done);
void run_loop(const StepCall& call, run::StepDone done);
void run_chain_call(const StepCall& call, run::StepDone done);
void run_agent(const StepCall& call, run::StepDone done);
void run_exec(const StepCall& call, run::StepDone done);

}  // namespace genops::chains::steps
