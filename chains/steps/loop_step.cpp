// kind: loop — the sub-step again and again until `until` holds or max_iterations.
#include "chains/steps/kinds.hpp"

namespace genops::chains::steps {

namespace {

struct LoopRun : std::enable_shared_from_this<LoopRun> {
  StepCall call;
  run::StepDone done;
  nlohmann::json previous;
  int iteration = 0;

  void next() {
    const auto& loop = std::get<LoopStep>(call.step->body);
    ++iteration;
    nlohmann::json state = {{"iteration", iteration}, {"previous", previous}};
    auto scope = make_child_scope(call.scope, {{"loop", std::move(state)}});
    auto self = shared_from_this();
    call.run->post([self, scope, &loop] {
      run::execute_step(self->call.run, *loop.step, scope, self->call.child(self->iteration),
                        [self](run::StepOutcome o) { self->on_done(std::move(o)); });
    });
  }

  void on_done(run::StepOutcome outcome) {
    if (outcome.failed()) return done(std::move(outcome));
    const auto& loop = std::get<LoopStep>(call.step->body);
    previous = std::move(outcome.output);
    bool stop = iteration >= loop.max_iterations;
    if (!stop && loop.until) {
      auto scope = make_child_scope(call.scope, {{"output", previous}, {"iteration", iteration}});
      try {
        stop = expr::evaluate_condition(*loop.until, *scope);
      } catch (const core::Error& e) {
        return done(run::StepOutcome::failure(e.kind(), std::string("until: ") + e.what()));
      }
    }
    if (stop) return done(run::StepOutcome::success(std::move(previous)));
    next();
  }
};

}  // namespace

void run_loop(const StepCall& call, run::StepDone done) {
  auto state = std::make_shared<LoopRun>();
  state->call = call;
  state->done = std::move(done);
  state->next();
}

}  // namespace genops::chains::steps
