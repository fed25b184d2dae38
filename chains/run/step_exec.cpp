// execute_step(): the part every step kind shares.
#include <array>
#include <atomic>

#include "chains/run/run_context.hpp"
#include "chains/steps/kinds.hpp"
#include "core/json.hpp"
#include "core/time.hpp"

namespace genops::chains::run {

namespace {

using KindFn = void (*)(const steps::StepCall&, StepDone);
// Indexed by StepKind.
constexpr std::array<KindFn, 8> k_kinds = {steps::run_llm,  steps::run_transform,  steps::run_retrieve, steps::run_map,
                                           steps::run_loop, steps::run_chain_call, steps::run_agent,    steps::run_exec};

std::string name_of(const Step& step, const Place& place) {
  std::string name = step.id;
  if (place.item_index) name += "[" + std::to_string(*place.item_index) + "]";
  return name;
}

chains::StepRecord start_record(const Step& step, const Place& place, std::int64_t seq) {
  chains::StepRecord r;
  r.seq = seq;
  r.parent_seq = place.parent_seq;
  r.item_index = place.item_index;
  r.step_id = step.id;
  r.kind = std::string(to_string(step.kind));
  r.started_at = core::now_timestamp();
  return r;
}

// Turns an exception from a kind into an outcome.
StepOutcome outcome_of_exception() {
  try {
    throw;
  } catch (const core::Error& e) {
    return StepOutcome::failure(e.kind(), e.what());
  } catch (const std::exception& e) {
    return StepOutcome::failure(core::ErrorKind::internal, std::string("internal error: ") + e.what());
  }
}

bool check_when(const std::shared_ptr<RunContext>& run, const Step& step, const Scope& scope, const Place& place,
                StepDone& done) {
  if (!step.when) return true;
  try {
    if (expr::evaluate_condition(*step.when, scope)) return true;
  } catch (...) {
    auto o = outcome_of_exception();
    o.error = "step " + name_of(step, place) + ": when: " + o.error;
    o.located = true;
    done(std::move(o));
    return false;
  }
  auto record = start_record(step, place, run->next_seq());
  record.status = "skipped";
  run->record(std::move(record));
  done(StepOutcome::skip());
  return false;
}

}  // namespace

void execute_step(const std::shared_ptr<RunContext>& run, const Step& step, std::shared_ptr<const Scope> scope,
                  Place place, StepDone done) {
  if (run->stop_reason()) return done(run->stopped_outcome());
  if (!check_when(run, step, *scope, place, done)) return;
  if (auto over = run->budget().charge_step()) {
    run->stop(RunStatus::budget_exceeded, *over);
    return done(run->stopped_outcome());
  }
  auto seq = run->next_seq();
  auto record = std::make_shared<chains::StepRecord>(start_record(step, place, seq));
  auto started = std::chrono::steady_clock::now();
  std::string name = name_of(step, place);
  // Guarded: a kind that throws after handing off `done` must not finish twice.
  auto once = std::make_shared<std::atomic<bool>>(false);
  auto finish = [run, record, started, name, once, done = std::move(done)](StepOutcome o) {
    if (once->exchange(true)) return;
    record->latency_us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    if (o.failed()) {
      if (!o.located) {
        o.error = "step " + name + ": " + o.error;
        o.located = true;
      }
      record->status = "failed";
      record->error = o.error;
    } else if (record->output.empty() && !o.output.is_null()) {
      record->output = o.output.is_string() ? o.output.get<std::string>() : core::dump_json(o.output);
    }
    run->record(std::move(*record));
    done(std::move(o));
  };
  steps::StepCall call{run, &step, std::move(scope), seq, place.chain_depth, record};
  try {
    k_kinds[static_cast<std::size_t>(step.kind)](call, finish);
  } catch (...) {
    finish(outcome_of_exception());
  }
}

}  // namespace genops::chains::run
