#include "chains/runner.hpp"

#include <future>

#include "chains/run/run_context.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "chains/store/run_recorder.hpp"
#include "core/time.hpp"

namespace genops::chains {

using run::RunContext;
using run::StepOutcome;

std::string_view to_string(RunStatus status) {
  switch (status) {
    case RunStatus::succeeded: return "succeeded";
    case RunStatus::failed: return "failed";
    case RunStatus::budget_exceeded: return "budget_exceeded";
    case RunStatus::interrupted: return "interrupted";
  }
  return "failed";
}

core::ErrorKind error_kind_of(const RunResult& result) {
  switch (result.status) {
    case RunStatus::budget_exceeded: return core::ErrorKind::check_failed;
    case RunStatus::interrupted: return core::ErrorKind::interrupted;
    default: return result.error_kind;
  }
}

namespace {

const Step* last_llm_step(const Chain& chain) {
  for (auto it = chain.steps.rbegin(); it != chain.steps.rend(); ++it) {
    if (it->kind == StepKind::llm) return &*it;
  }
  return nullptr;
}

RunResult result_of(RunContext& ctx, const StepOutcome& outcome) {
  RunResult r;
  r.run_id = ctx.id();
  if (auto reason = ctx.stop_reason()) {
    r.status = reason->first;
    r.error = reason->second;
    r.error_kind = reason->first == RunStatus::interrupted ? core::ErrorKind::interrupted : core::ErrorKind::check_failed;
    if (!outcome.failed()) r.outputs = outcome.output;
  } else if (outcome.failed()) {
    r.status = RunStatus::failed;
    r.error = outcome.error;
    r.error_kind = outcome.kind;
  } else {
    r.outputs = outcome.output;
  }
  auto totals = ctx.budget().totals();
  r.steps = totals.steps;
  r.input_tokens = totals.input_tokens;
  r.output_tokens = totals.output_tokens;
  r.cost_usd = totals.cost_usd;
  return r;
}

}  // namespace

Runner::Runner(std::shared_ptr<const ChainSet> chains, Services services, RunnerOptions options)
    : m_chains(std::move(chains)), m_services(std::move(services)), m_options(std::move(options)),
      m_executor(std::make_shared<run::Executor>(m_options.threads, [warn = m_services.warn](const std::string& what) {
        if (warn) warn("internal error in a chain worker (a bug; please report it): " + what);
      })) {
  m_stream_step = last_llm_step(m_chains->root());
  if (!m_services.sink) return;
  for (const auto& chain : m_chains->chains()) {
    m_services.sink->record_chain_version(
        {chain->version, chain->name, chain->display_file, chain->source.empty() ? core::read_file(chain->file) : chain->source});
  }
}

Runner::~Runner() { shutdown(); }

void Runner::shutdown() { m_executor->stop(); }

void Runner::track(const std::shared_ptr<RunContext>& context) {
  std::lock_guard lock(m_mutex);
  std::erase_if(m_active, [](const auto& w) { return w.expired(); });
  m_active.push_back(context);
}

void Runner::start(RunRequest request, std::function<void(RunResult)> done) {
  const Chain& root = m_chains->root();
  auto ctx = std::make_shared<RunContext>(chains::new_run_id(), m_chains, m_services, m_executor, root.limits);
  ctx->stream_step = m_stream_step;
  ctx->stream = std::move(request.stream);
  ctx->max_chain_depth = m_options.max_chain_depth;
  auto frame = std::make_shared<Frame>();
  std::optional<StepOutcome> bad_inputs;
  try {
    frame->inputs = run::bind_inputs(root, request.inputs);
  } catch (const core::Error& e) {
    bad_inputs = StepOutcome::failure(e.kind(), e.what());
    frame->inputs = request.inputs;
  }
  auto* sink = m_services.sink;
  if (sink) {
    sink->begin_run({ctx->id(), "chain", root.name, root.version, root.display_file, core::dump_json(frame->inputs),
                     core::now_timestamp(), m_options.git_commit, m_options.host, request.batch_id, request.row_index});
  }
  auto started = std::chrono::steady_clock::now();
  auto finish = std::make_shared<run::StepDone>([ctx, sink, started, done = std::move(done)](StepOutcome outcome) {
    if (!ctx->claim_finish()) return;
    auto result = result_of(*ctx, outcome);
    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (sink) {
      result.ticket = sink->end_run({result.run_id, std::string(to_string(result.status)), core::now_timestamp(),
                                     result.outputs.is_null() ? "" : core::dump_json(result.outputs), result.error,
                                     result.steps, result.input_tokens, result.output_tokens, result.cost_usd,
                                     result.duration.count()});
    }
    done(std::move(result));
  });
  ctx->finisher = finish;
  track(ctx);
  if (bad_inputs) return ctx->post([finish, o = std::move(*bad_inputs)] { (*finish)(o); });
  if (root.limits.timeout) {
    std::weak_ptr<run::StepDone> weak = finish;
    std::weak_ptr<RunContext> weak_ctx = ctx;
    auto limit = *root.limits.timeout;
    m_executor->post_at(started + limit, [weak, weak_ctx, limit] {
      auto f = weak.lock();
      auto c = weak_ctx.lock();
      if (!f || !c) return;
      c->stop(RunStatus::budget_exceeded, "timeout " + run::format_duration(limit) + " reached");
      (*f)(c->stopped_outcome());
    });
  }
  ctx->post([ctx, frame, finish, &root] {
    run::run_chain(ctx, root, frame, run::Place{}, [finish](StepOutcome o) { (*finish)(std::move(o)); });
  });
}

RunResult Runner::run(RunRequest request) {
  std::promise<RunResult> promise;
  auto future = promise.get_future();
  start(std::move(request), [&promise](RunResult r) { promise.set_value(std::move(r)); });
  return future.get();
}

void Runner::interrupt() {
  std::vector<std::shared_ptr<RunContext>> active;
  {
    std::lock_guard lock(m_mutex);
    for (auto& w : m_active) {
      if (auto c = w.lock()) active.push_back(std::move(c));
    }
  }
  for (auto& c : active) {
    c->stop(RunStatus::interrupted, "interrupted");
    if (auto f = c->finisher.lock()) (*f)(c->stopped_outcome());
  }
}

}  // namespace genops::chains
