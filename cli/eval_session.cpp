#include "cli/eval_session.hpp"

#include <iostream>
#include <mutex>
#include <set>

#include "cli/chain_setup.hpp"
#include "cli/eval_batch.hpp"
#include "cli/eval_finish.hpp"
#include "cli/eval_progress.hpp"
#include "cli/eval_services.hpp"
#include "cli/eval_shard.hpp"
#include "cli/eval_target.hpp"
#include "cli/interrupt.hpp"
#include "cli/output.hpp"
#include "cli/skew_setup.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "eval/store/eval_store.hpp"
#include "chains/store/run_recorder.hpp"
#include "core/regex.hpp"
#include "core/strings.hpp"
#include "core/time.hpp"
#include "eval/gate/gate.hpp"
#include "eval/reports/jsonl_writer.hpp"
#include "eval/reports/report.hpp"
#include "eval/session/result_batcher.hpp"
#include "eval/session/store_results.hpp"
#include "eval/run/runner.hpp"
#include "eval/stats/summary.hpp"
#include "eval/suite/loader.hpp"

namespace genops::cli {

namespace {

using eval::EvalStore;

eval::CaseSelection parse_selection(const EvalCommandOptions& o, const std::optional<ShardSpec>& shard) {
  eval::CaseSelection selection;
  if (!o.filter.empty()) {
    auto filter = core::Regex::compile(o.filter);
    if (!filter) core::fail_usage("--filter: invalid regular expression " + core::quote(o.filter) + ": " + filter.error(),
                                  {core::k_regex_syntax_hint});
    selection.filter = std::move(*filter);
  }
  if (o.limit) {
    if (*o.limit < 1) core::fail_usage("--limit: expected a positive number of cases");
    selection.limit = o.limit;
  }
  if (shard) {
    selection.shard_index = shard->index - 1;
    selection.shard_count = shard->count;
  }
  return selection;
}

// A provider's `concurrency` caps its requests in flight below -j: say so,
// or -j 100 silently runs 16 at a time.
void warn_provider_limits(Context& ctx, const std::vector<std::string>& providers, int jobs) {
  for (const auto& name : providers) {
    const auto& config = ctx.project().provider(name);
    if (config.kind == "mock" || config.kind == "echo" || config.kind == "hash-embed") continue;
    if (config.limits.concurrency < jobs)
      print_warning("provider " + name + " allows " + std::to_string(config.limits.concurrency) +
                    " requests at once, so -j " + std::to_string(jobs) + " runs at most that many; raise providers." +
                    name + ".concurrency to use them all");
  }
}

// `--dry-run`: what a run would record. Nothing was called and no run recorded.
void print_dry_run(const eval::Suite& suite, const eval::EvalOptions& options, const eval::PlanCount& plan,
                   std::size_t already, bool json) {
  std::vector<std::string> providers;
  for (const auto& p : options.providers) providers.push_back(p.empty() ? "(the target's own)" : p);
  if (json)
    return print_json({{"eval", suite.name}, {"planned", plan.planned}, {"cases", plan.cases},
                       {"providers", options.providers}, {"repeat", options.repeat}, {"already_recorded", already},
                       {"dry_run", true}});
  std::cout << "eval " << suite.name << ": " << plan.planned << " results would be recorded (" << plan.cases
            << " cases x " << options.providers.size() << " providers x " << options.repeat << " repeats"
            << (already ? ", " + std::to_string(already) + " already recorded" : "") << ")\n";
  print_note("dry run: every file, case and assertion checked; no model was called and no run recorded");
}

// A shard of a named run (--run-name): its i/n (flag, else the environment),
// after the options that belong to `genops evals finish` are refused.
std::optional<ShardSpec> shard_of_run(const EvalCommandOptions& o) {
  if (o.run_name.empty()) {
    if (!o.shard.empty())
      core::fail_usage("--shard: a shard is part of a named run; add --run-name NAME",
                       {"e.g. genops eval " + o.file + " --shard " + o.shard +
                        " --run-name ci-1234 on each machine, then genops evals finish ci-1234"});
    return std::nullopt;
  }
  check_run_name(o.run_name);
  const char* finish_hint = "a shard is not gated; give it to: genops evals finish NAME";
  if (!o.resume.empty())
    core::fail_usage("--resume: a shard resumes by running the same command again", {"drop --resume"});
  if (!o.label.empty()) core::fail_usage("--label: " + std::string(finish_hint), {"genops evals finish " + o.run_name + " --label " + o.label});
  if (!o.baseline.empty())
    core::fail_usage("--baseline: " + std::string(finish_hint), {"genops evals finish " + o.run_name + " --baseline " + o.baseline});
  return resolve_shard(o.shard, process_env());
}

// A shard's run id is fixed by (eval, run name, i/n): a retried job finds its
// run and runs only what is missing. Throws Error(invalid_input) when the
// run's other shards were cut a different number of ways.
std::string shard_run(EvalStore& evals, const eval::Suite& suite, const std::string& run_name, const ShardSpec& shard) {
  for (const auto& other : evals.shards_of(run_name))
    if (other.suite == suite.name && other.shard_count != shard.count)
      core::fail_input("--run-name: run " + core::quote(run_name) + " of eval " + core::quote(suite.name) + " has " +
                           std::to_string(other.shard_count) + " shards, not " + std::to_string(shard.count),
                       {"every shard of a run takes the same N, e.g. --shard " + std::to_string(shard.index) + "/" +
                            std::to_string(other.shard_count) + "; or choose a new --run-name"});
  return shard_run_id(suite.name, run_name, shard);
}

// The keys run `run_id` already recorded: --resume and a retried shard skip them.
std::set<eval::ResultKey> recorded_keys(EvalStore& evals, const std::string& run_id) {
  std::set<eval::ResultKey> keys;
  eval::session::StoreResults(evals).for_each_result(run_id, [&](eval::CaseResult r) { keys.insert(eval::key_of(r)); });
  return keys;
}

}  // namespace

namespace {

// The session; `started_run` is set once the run is recorded, so that a
// failure after that marks it failed (run_eval_session).
void run_session(Context& ctx, const EvalCommandOptions& o, std::optional<StartedEval>& started_run) {
  auto suite = eval::load_suite(o.file);
  if (o.repeat > 0) suite.repeat = o.repeat;
  const auto shard = shard_of_run(o);
  auto selection = parse_selection(o, shard);
  for (const auto& out : o.outputs) eval::reports::check_report_path(out);  // fail before running
  check_gate_skew_source(suite);
  // Repeats must reach the model each time; the cache would replay the first reply.
  auto cache = (o.no_cache || suite.repeat > 1) ? Context::Cache::no : Context::Cache::yes;
  const int jobs = o.jobs > 0 ? o.jobs : ctx.project().defaults.concurrency;
  // Every execution in flight may be waiting on one HTTP request (and a judge on another).
  ctx.options.http_connections = std::max(ctx.options.http_connections, 2 * jobs);
  ctx.store();  // created and migrated before the connections below open it
  auto eval_store = ctx.open_eval_store();
  auto& evals = *eval_store;
  auto run_recorder = ctx.open_run_recorder();
  auto& recorder = *run_recorder;
  auto batch = BatchSession::open(ctx, suite, o);  // before the clients: it wraps those that run as batches
  EvalTarget target(ctx, suite, recorder, cache, 2);
  // A session ending by an exception stops the batches before the target goes.
  std::unique_ptr<BatchSession, void (*)(BatchSession*)> stop_batch(batch.get(), [](BatchSession* b) { b->abandon(); });

  std::string run_id;
  std::set<eval::ResultKey> done;
  bool reopen = false;
  if (shard) {
    run_id = shard_run(evals, suite, o.run_name, *shard);
    if (auto run = evals.find_run(run_id); run && run->id == run_id) {  // a retried shard
      reopen = true;
      done = recorded_keys(evals, run_id);
    }
  } else if (!o.resume.empty()) {
    reopen = true;
    // "last" is the last run of this eval, not of any eval (issue 11, A4).
    auto run = o.resume == "last" ? evals.last_run(suite.name) : evals.find_run(o.resume);
    if (!run)
      core::fail_input("--resume: no eval run " + core::quote(o.resume) + (o.resume == "last" ? " of eval " + core::quote(suite.name) : ""),
                       {"list the runs with: genops evals list " + suite.name});
    if (run->suite != suite.name)
      core::fail_input("--resume: run " + run->id + " is of eval " + core::quote(run->suite) + ", not " + core::quote(suite.name));
    if (run->is_sharded_whole())
      core::fail_usage("--resume: run " + run->id + " is the whole of sharded run " + core::quote(run->run_name) +
                           "; its results are its shards'",
                       {"run a shard that is not in again: genops eval " + o.file + " --shard I/" +
                        std::to_string(run->shard_count) + " --run-name " + run->run_name +
                        ", then genops evals finish " + run->run_name});
    if (run->is_shard())
      core::fail_usage("--resume: run " + run->id + " is shard " + std::to_string(run->shard_index) + "/" +
                           std::to_string(run->shard_count) + " of run " + core::quote(run->run_name),
                       {"run the shard's command again: genops eval " + o.file + " --shard " +
                        std::to_string(run->shard_index) + "/" + std::to_string(run->shard_count) + " --run-name " +
                        run->run_name});
    if (run->suite_hash != suite.content_hash)
      print_warning("the eval file changed since run " + run->id + " started; finished results are kept as they are");
    run_id = run->id;
    done = recorded_keys(evals, run_id);
  } else {
    run_id = chains::new_run_id();
  }

  // Before any case runs: an unknown --baseline fails fast and records nothing.
  const auto baseline = shard ? std::nullopt : find_baseline_run(evals, suite, o, run_id);
  EvalServices services(ctx, suite, recorder, run_id, cache);
  eval::EvalOptions options;
  options.concurrency = jobs;
  warn_provider_limits(ctx, target.called_providers(), jobs);
  options.assertion_threads = services.slow() ? std::clamp(options.concurrency, 2, 32) : 2;
  options.providers = target.providers();
  options.repeat = suite.repeat;
  options.required_inputs = target.required_inputs();
  options.selection = selection;
  if (!done.empty()) options.done_already = [&done](const eval::ResultKey& key) { return done.count(key) > 0; };
  const auto plan = eval::count_plan(suite, options);
  options.planned = plan.planned;
  if (o.dry_run) return print_dry_run(suite, options, plan, done.size(), o.json);
  if (batch) batch->begin(run_id, options);

  const std::string started = core::now_timestamp();
  if (!reopen) {
    eval::EvalRunRecord record;
    record.id = run_id;
    record.suite = suite.name;
    record.suite_path = core::display_path(suite.path);
    record.suite_hash = suite.content_hash;
    record.target = target.description();
    record.target_version = target.version();
    record.providers_json = nlohmann::json(suite.providers).dump();
    record.repeat = suite.repeat;
    record.started_at = started;
    record.planned = options.planned;
    record.git_commit = target.git_commit();
    record.host = host_name();
    record.prompt_versions = target.prompt_versions();
    record.provider_used = target.provider_used();
    if (shard) {
      record.run_name = o.run_name;
      record.shard_index = shard->index;
      record.shard_count = shard->count;
    }
    evals.begin_run(record);
  } else {
    evals.reopen_run(run_id);
  }
  started_run = StartedEval{run_id, started, target.description(), target.provider_used(), suite.name,
                            suite.providers};
  print_note("eval " + suite.name + ": " + (shard ? "shard " + shard->text() + " of run " + o.run_name + " (" + run_id + ")" : "run " + run_id) + ", " + std::to_string(options.planned) + " to run" +
             (done.empty() ? "" : " (" + std::to_string(done.size()) + " already recorded)"));

  auto jsonl = open_jsonl_reports(evals, *started_run, o.outputs);  // a resumed run's earlier results first
  eval::session::StoreResults results(evals);
  eval::session::ResultBatcher writer(results, run_id, jsonl.empty() ? eval::session::ResultBatcher::Committed{} : [&jsonl](const eval::CaseResult& r) {
    for (auto& w : jsonl) w->append(r);
  });
  EvalProgressLine progress;
  InterruptGuard guard;
  options.interrupted = [&batch] { return InterruptGuard::requested() || (batch && batch->stopping()); };
  // After the grace period: runs still waiting on a model end as interrupted.
  options.abandon = [&target] { target.interrupt(); };
  auto outcome = eval::run_eval(suite, target.function(run_id), services.services(), options,
                                [&](eval::CaseResult r) {
                                  ctx.trace_eval_case(suite.name, run_id, r);
                                  writer.add(std::move(r));
                                },
                                [&](const eval::EvalProgress& p) {
                                  writer.flush();
                                  progress.update(p);
                                });
  writer.flush();
  progress.clear();
  if (batch && batch->end(evals, run_id, o.json)) return;  // --no-wait: submitted, resumable
  target.shutdown();
  recorder.flush();
  if (outcome.interrupted) {
    evals.end_run(run_id, "interrupted", "", std::nullopt);
    throw core::Error(core::ErrorKind::interrupted,
                      "interrupted; " + std::to_string(outcome.finished) + " results of run " + run_id + " are saved",
                      {shard ? "finish it with the same command: genops eval " + o.file + " --shard " + shard->text() +
                                   " --run-name " + o.run_name
                             : "finish it with: genops eval " + o.file + " --resume " + run_id});
  }
  if (shard) return finish_shard_session(suite, o, evals, *started_run, shard->text());
  std::optional<eval::reports::RunInfo::Batch> batch_info;
  if (batch) batch_info = batch->finish();
  finish_eval_session(ctx, suite, o, evals, run_id, started, target.description(), baseline,
                      target.provider_used(), batch_info);
}

}  // namespace

void run_eval_session(Context& ctx, const EvalCommandOptions& o) {
  std::optional<StartedEval> started_run;
  try {
    run_session(ctx, o, started_run);
  } catch (const core::Error& e) {
    if (!started_run) throw;
    fail_eval_session(ctx, o, *started_run, e.what());
    if (e.kind() != core::ErrorKind::storage) throw;
    // The store went away (a server that stayed down): like an interruption,
    // what was committed is kept and --resume completes the run.
    auto hints = e.hints();
    hints.push_back("the results committed so far are kept; finish the run with: genops eval " + o.file + " --resume " +
                    started_run->run_id);
    throw core::Error(e.kind(), e.what(), hints, e.context());
  } catch (const std::exception& e) {
    if (started_run) fail_eval_session(ctx, o, *started_run, e.what());
    throw;
  }
}

}  // namespace genops::cli
