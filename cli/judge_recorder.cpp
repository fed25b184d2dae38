#include "cli/judge_recorder.hpp"

#include "core/json.hpp"
#include "chains/store/run_recorder.hpp"
#include "core/time.hpp"

namespace genops::cli {

void record_judge_call(chains::RunSink& sink, const std::string& eval_run_id, const std::string& provider,
                       const core::llm::Request& request, const core::llm::Outcome& outcome) {
  auto messages = nlohmann::json::array();
  for (const auto& m : request.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
  chains::RunRecord run;
  run.id = chains::new_run_id();
  run.kind = "judge";
  run.name = "judge:" + provider;
  run.started_at = core::now_timestamp();
  run.batch_id = eval_run_id;
  sink.begin_run(run);

  chains::StepRecord step;
  step.run_id = run.id;
  step.seq = 1;
  step.step_id = "judge";
  step.kind = "llm";
  step.provider = provider;
  step.model = request.model;
  step.request = core::dump_json({{"messages", messages}});
  step.started_at = run.started_at;
  chains::RunEnd end;
  end.id = run.id;
  end.steps = 1;
  if (const auto* response = std::get_if<core::llm::Response>(&outcome)) {
    step.output = response->text;
    step.model = response->model;
    step.input_tokens = response->usage.input_tokens;
    step.output_tokens = response->usage.output_tokens;
    step.cost_usd = response->cost_usd;
    step.latency_us = response->latency.count();
    step.cache_hit = response->cache_hit;
    step.retries = response->retries;
    end.status = "succeeded";
  } else {
    const auto& failure = std::get<core::llm::Failure>(outcome);
    step.status = "failed";
    step.error = failure.message;
    end.status = "failed";
    end.error = failure.message;
  }
  end.input_tokens = step.input_tokens;
  end.output_tokens = step.output_tokens;
  end.cost_usd = step.cost_usd;
  end.duration_ms = step.latency_us / 1000;
  end.ended_at = core::now_timestamp();
  sink.record_step(std::move(step));
  sink.end_run(std::move(end));
}

}  // namespace genops::cli
