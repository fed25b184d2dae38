#include "cli/eval_batch.hpp"

#include <charconv>
#include <iostream>

#include "cli/output.hpp"
#include "core/config/project.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "core/strings.hpp"
#include "providers/batch/batching_client.hpp"

namespace genops::cli {

namespace {

// Every case of a batch eval is in flight at once, up to this many.
constexpr int k_batch_concurrency = 100'000;

// A positive whole number from the environment, or `fallback`.
std::int64_t env_number(const char* name, std::int64_t fallback) {
  auto text = core::config::process_env(name);
  if (!text) return fallback;
  std::int64_t value = 0;
  auto r = std::from_chars(text->data(), text->data() + text->size(), value);
  if (r.ec != std::errc() || r.ptr != text->data() + text->size() || value < 1)
    core::fail_usage(std::string(name) + ": expected a positive whole number, got " + core::quote(*text));
  return value;
}

// --resume of a run that submitted batches runs as batches again, so that the
// printed resume command needs no --batch.
bool resumes_batch_run(Context& ctx, const eval::Suite& suite, const EvalCommandOptions& o) {
  if (o.resume.empty()) return false;
  ctx.store();
  auto evals = ctx.open_eval_store();
  auto run = o.resume == "last" ? evals->last_run(suite.name) : evals->find_run(o.resume);
  return run && ctx.open_batch_store()->run_has_jobs(run->id);
}

}  // namespace

std::unique_ptr<BatchSession> BatchSession::open(Context& ctx, const eval::Suite& suite, const EvalCommandOptions& o) {
  if (!o.batch && !suite.batch_all && suite.batch_providers.empty() && !resumes_batch_run(ctx, suite, o)) {
    if (o.no_wait)
      core::fail_usage("--no-wait: only a batch run can be left to finish later",
                       {"add --batch, or `batch: true` in the eval file"});
    return nullptr;
  }
  if (!o.run_name.empty())
    core::fail_usage("--batch: a sharded run (--run-name) cannot run as batches",
                     {"run the whole eval as batches: genops eval " + o.file + " --batch"});
  return std::unique_ptr<BatchSession>(new BatchSession(ctx, suite, o));
}

BatchSession::BatchSession(Context& ctx, const eval::Suite& suite, const EvalCommandOptions& o)
    : m_ctx(ctx), m_file(o.file), m_all(o.batch || suite.batch_all || suite.batch_providers.empty()),
      m_names(suite.batch_providers.begin(), suite.batch_providers.end()), m_no_wait(o.no_wait) {
  for (const auto& name : m_names) (void)ctx.project().provider(name);  // unknown: a did-you-mean error
  ctx.store();
  m_store = ctx.open_batch_store();
  providers::batch::CoordinatorOptions options;
  options.poll_first = std::chrono::milliseconds(env_number("GENOPS_BATCH_POLL_MS", 5'000));
  options.poll_max = std::max(options.poll_first, std::chrono::milliseconds(60'000));
  options.max_requests = static_cast<std::size_t>(env_number("GENOPS_BATCH_MAX_REQUESTS", 50'000));
  options.no_wait = o.no_wait;
  options.on_note = [](const std::string& line) { print_note(line); };
  m_coordinator = std::make_unique<providers::batch::BatchCoordinator>(*m_store, std::move(options));
  ctx.judges_live = !suite.judge_batch;
  ctx.wrap_client = [this](const core::config::ProviderConfig& config, std::unique_ptr<core::llm::ModelClient> client) {
    return wrap(config, std::move(client));
  };
}

BatchSession::~BatchSession() {
  m_ctx.wrap_client = nullptr;
  if (m_coordinator) m_coordinator->stop(providers::batch::BatchCoordinator::Parked::drop);
}

std::unique_ptr<core::llm::ModelClient> BatchSession::wrap(const core::config::ProviderConfig& config,
                                                           std::unique_ptr<core::llm::ModelClient> client) {
  const bool named = m_names.count(config.name) > 0;
  if (!named && !(m_all && providers::batch::has_batch_api(config.kind))) return client;
  m_coordinator->add_lane(providers::batch::make_lane(config, m_ctx.client_deps()));
  m_lanes.insert(config.name);
  return std::make_unique<providers::batch::BatchingClient>(std::move(client), *m_coordinator,
                                                            providers::batch::batch_identity(config));
}

void BatchSession::begin(const std::string& run_id, eval::EvalOptions& options) {
  if (m_lanes.empty())
    core::fail_usage("--batch: none of the providers this eval calls has a batch API",
                     {"batch runs need a provider of kind openai or anthropic (docs/batch.md)"});
  options.concurrency = k_batch_concurrency;
  options.grace = std::chrono::milliseconds(500);
  m_coordinator->set_eval_run(run_id);
  m_coordinator->start();
  print_note("eval runs as provider batches (" + core::join(std::vector<std::string>(m_lanes.begin(), m_lanes.end()), ", ") +
             "); waves are submitted when every case waits on a model");
}

bool BatchSession::stopping() const { return m_coordinator->detached() || m_coordinator->fatal().has_value(); }

bool BatchSession::end(eval::EvalStore& evals, const std::string& run_id, bool json) {
  const bool detached = m_coordinator->detached();
  const auto fatal = m_coordinator->fatal();
  m_coordinator->stop();
  const std::string resume = "genops eval " + m_file + " --resume " + run_id;
  if (fatal) {
    evals.end_run(run_id, "interrupted", "", std::nullopt);
    throw core::Error(core::ErrorKind::provider, *fatal,
                      {"the batches and every result so far are kept; try again with: " + resume});
  }
  if (!detached) return false;
  evals.end_run(run_id, "interrupted", "", std::nullopt);
  const auto s = m_coordinator->summary();
  if (json) {
    print_json({{"run_id", run_id}, {"status", "batch_submitted"}, {"batches", s.jobs}, {"requests", s.submitted},
                {"resume", resume}});
  } else {
    print_note("submitted " + std::to_string(s.submitted) + " requests in " + std::to_string(s.jobs) +
               " batches; the results are fetched and scored by:");
    std::cout << resume << "\n";
  }
  return true;
}

eval::reports::RunInfo::Batch BatchSession::finish() const {
  const auto s = m_coordinator->summary();
  print_note("ran as provider batches: " + std::to_string(s.answered) + " calls answered from batch results, " +
             std::to_string(s.jobs) + " batches submitted by this run; cost at batch prices $" +
             core::format_fixed(s.cost_usd, 4) + " (saved $" + core::format_fixed(s.saved_usd, 4) + ")");
  return {s.jobs, s.answered, s.cost_usd, s.saved_usd};
}

}  // namespace genops::cli
