// kind: chain — another chain (or this one, recursively, up to a depth limit)
// with inputs rendered here; its steps are recorded under this step.
#include "chains/steps/kinds.hpp"

namespace genops::chains::steps {

void run_chain_call(const StepCall& call, run::StepDone done) {
  const auto& c = std::get<ChainCallStep>(call.step->body);
  auto& run = *call.run;
  if (call.chain_depth + 1 > run.max_chain_depth)
    return done(run::StepOutcome::failure(core::ErrorKind::invalid_input,
                                          "chain " + c.chain->name + " nested deeper than " +
                                              std::to_string(run.max_chain_depth) + " levels (a recursion without an end?)"));
  auto given = nlohmann::json::object();
  for (const auto& [name, tmpl] : c.inputs) given[name] = tmpl.render_value(*call.scope);
  auto frame = std::make_shared<Frame>();
  frame->inputs = run::bind_inputs(*c.chain, given);
  call.record->request = frame->inputs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  run::Place place{call.seq, std::nullopt, call.chain_depth + 1};
  run::run_chain(call.run, *c.chain, std::move(frame), place, std::move(done));
}

}  // namespace genops::chains::steps
