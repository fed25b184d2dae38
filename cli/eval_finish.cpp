#include "cli/eval_finish.hpp"

#include <iostream>

#include "cli/chain_setup.hpp"
#include "cli/output.hpp"
#include "cli/skew_setup.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "core/redact.hpp"
#include "core/strings.hpp"
#include "core/time.hpp"
#include "eval/gate/gate.hpp"
#include "eval/reports/jsonl_writer.hpp"
#include "eval/reports/report.hpp"
#include "eval/run/records.hpp"
#include "eval/session/stored_summary.hpp"
#include "eval/stats/summary.hpp"

namespace genops::cli {

namespace {

using core::lineage::EvalStore;

// How much of each result to keep in memory: reports need every text; the
// summary and the gate need none, and the terminal table lists only the first
// failures (100,000 results with their texts took ~180 MB).
enum class Detail { full, failures, none };
constexpr std::size_t k_failures_with_text = 100;

void drop_texts(eval::CaseResult& result) {
  result.vars = nlohmann::json::object();
  std::string().swap(result.output);
  std::string().swap(result.description);
  result.expected.reset();
  for (auto& a : result.assertions) std::string().swap(a.reason);
}

std::vector<eval::CaseResult> load_results(EvalStore& store, const std::string& run_id, Detail detail) {
  std::vector<eval::CaseResult> results;
  std::size_t failures_kept = 0;
  store.for_each_result(run_id, [&](core::lineage::EvalResultRecord r) {
    auto result = eval::from_record(std::move(r));
    bool keep = detail == Detail::full ||
                (detail == Detail::failures && !result.pass && failures_kept++ < k_failures_with_text);
    if (!keep) drop_texts(result);
    results.push_back(std::move(result));
  });
  results.shrink_to_fit();
  return results;
}

// Without a provider matrix results carry provider "" (their key in the
// store); reports name the provider the target used instead.
void name_default_provider(std::vector<eval::CaseResult>& results, const std::string& provider_used) {
  if (provider_used.empty()) return;
  for (auto& r : results)
    if (r.provider.empty()) r.provider = provider_used;
}

void fill_run_info(eval::reports::RunInfo& info, EvalStore& evals, const EvalCommandOptions& o, const StartedEval& run) {
  info.run_id = run.run_id;
  info.suite_name = run.suite_name;
  info.eval_path = o.file;
  info.target = run.target;
  info.providers = run.providers;
  info.started = run.started;
  info.ended = core::now_timestamp();
  if (auto recorded = evals.find_run(run.run_id)) info.git_commit = recorded->git_commit;  // recorded when the run began
  info.label = o.label;
}

// Every -o report but .jsonl, which was streamed as results were committed.
void write_reports(const eval::reports::Report& report, const EvalCommandOptions& o) {
  for (const auto& out : o.outputs) {
    if (eval::reports::parse_report_format(out) == eval::reports::ReportFormat::jsonl) continue;
    eval::reports::write_report(report, out);
  }
}

bool wants_full_results(const EvalCommandOptions& o) {
  return o.json || std::any_of(o.outputs.begin(), o.outputs.end(), [](const std::string& out) {
    return eval::reports::parse_report_format(out) != eval::reports::ReportFormat::jsonl;
  });
}

// The session marks the run failed and writes the reports.
void throw_if_all_failed(const std::vector<eval::CaseResult>& results) {
  bool all_failed = !results.empty() && std::all_of(results.begin(), results.end(),
                                                    [](const eval::CaseResult& r) { return !r.error.empty(); });
  if (all_failed)
    throw core::Error(core::ErrorKind::provider, "every case failed on its target; first: " + results.front().error,
                      {"check the provider with: genops providers check NAME"});
}

// The JSON report, or the terminal table, on stdout.
void print_report(const eval::reports::Report& report, bool json) {
  if (json) return print_json(core::parse_json(eval::reports::render_report(report, eval::reports::ReportFormat::json)).value());
  std::cout << eval::reports::render_terminal(report, colour_enabled(stdout) ? eval::reports::Colour::yes
                                                                              : eval::reports::Colour::no)
            << std::flush;
}

}  // namespace

// The baseline run: --baseline (a label, else a run id), else the gate's.
std::optional<std::string> find_baseline_run(EvalStore& store, const eval::Suite& suite, const EvalCommandOptions& o,
                                        const std::string& run_id) {
  if (!o.baseline.empty()) {
    if (auto labelled = store.run_for_label(suite.name, o.baseline, run_id)) return labelled;
    if (auto run = store.find_run(o.baseline); run && run->id != run_id) return run->id;
    core::fail_input("--baseline: no run of eval " + core::quote(suite.name) + " is labelled " + core::quote(o.baseline) +
                         " and no eval run has that id",
                     {"label a run with genops eval FILE --label " + o.baseline});
  }
  if (!suite.gate.baseline) return std::nullopt;
  if (!suite.gate.baseline->run.empty()) {
    auto run = store.find_run(suite.gate.baseline->run);
    if (!run) core::fail_input(core::display_path(suite.path) + ": gate.baseline.run: no eval run " + suite.gate.baseline->run);
    return run->id;
  }
  return store.run_for_label(suite.name, suite.gate.baseline->label, run_id);
}

void finish_eval_session(Context& ctx, const eval::Suite& suite, const EvalCommandOptions& o, EvalStore& evals,
                         const std::string& run_id, const std::string& started, const std::string& target,
                         const std::optional<std::string>& baseline, const std::string& provider_used) {
  auto results = load_results(evals, run_id, wants_full_results(o) ? Detail::full : Detail::failures);
  name_default_provider(results, provider_used);
  throw_if_all_failed(results);
  eval::reports::Report report;
  report.results = results;
  report.summary = eval::stats::summarize(results);
  std::vector<eval::CaseResult> baseline_results;
  if (baseline) {
    baseline_results = load_results(evals, *baseline, Detail::none);
    name_default_provider(baseline_results, provider_used);
    report.comparison = eval::gate::compare(results, baseline_results);
  }
  std::optional<eval::gate::SkewCheck> skew;
  if (suite.gate.skew) {
    if (auto drift = gate_skew(ctx, suite)) {
      report.skew = eval::skew::to_json(*drift);
      skew = eval::gate::SkewCheck{!drift->drift,
                                   std::to_string(drift->drifted) + " of " + std::to_string(drift->tested) +
                                       " input columns drifted against " + suite.gate.skew->current,
                                   false};
    } else {
      const auto& window = suite.gate.skew->since;
      skew = eval::gate::SkewCheck{true,
                                   "skipped: no current inputs in " + suite.gate.skew->current +
                                       (window.empty() ? std::string() : " in the last " + window) +
                                       "; nothing to compare",
                                   true};
    }
  }
  report.verdict = eval::gate::check_gate(suite.gate, report.summary, report.comparison ? &*report.comparison : nullptr,
                                          skew ? &*skew : nullptr);
  auto stored = eval::session::stored_summary(report.summary);
  stored["baseline"] = baseline.value_or("");  // shown by genops evals show
  stored["gate_failures"] = eval::session::gate_failures(report.verdict);
  evals.end_run(run_id, "finished", core::dump_json(stored), report.verdict.pass);
  if (!o.label.empty()) evals.add_label(o.label, suite.name, run_id, ctx.author());

  fill_run_info(report.run, evals, o, StartedEval{run_id, started, target, provider_used, suite.name, suite.providers});
  report.run.baseline = baseline.value_or("");
  write_reports(report, o);
  print_report(report, o.json);
  if (!report.verdict.pass)
    throw core::Error(core::ErrorKind::check_failed, "eval " + suite.name + ": the gate failed: " + eval::session::gate_failures(report.verdict),
                      {"see the report above; run " + run_id + " is in the store"});
}

void finish_shard_session(const eval::Suite& suite, const EvalCommandOptions& o, EvalStore& evals,
                          const StartedEval& run, const std::string& shard) {
  auto results = load_results(evals, run.run_id, wants_full_results(o) ? Detail::full : Detail::failures);
  name_default_provider(results, run.provider_used);
  throw_if_all_failed(results);
  eval::reports::Report report;
  report.results = results;
  report.summary = eval::stats::summarize(results);
  const std::string finish = "genops evals finish " + o.run_name;
  report.verdict.gated = false;
  report.verdict.checks.push_back({"gate", true, true, 0, 0,
                                   "not gated: shard " + shard + " of run " + o.run_name + "; " + finish +
                                       " gates the whole run once every shard is in"});
  auto stored = eval::session::stored_summary(report.summary);
  stored["shard"] = shard;
  evals.end_run(run.run_id, "finished", core::dump_json(stored), std::nullopt);
  fill_run_info(report.run, evals, o, run);
  write_reports(report, o);
  print_report(report, o.json);
  (void)suite;
  print_note("shard " + shard + " of run " + o.run_name + " is in; it is not gated on its own: " + finish +
             " gates the whole run");
}

std::vector<std::unique_ptr<eval::reports::JsonlWriter>> open_jsonl_reports(EvalStore& evals, const StartedEval& run,
                                                                           const std::vector<std::string>& outputs) {
  std::vector<std::unique_ptr<eval::reports::JsonlWriter>> writers;
  for (const auto& out : outputs)
    if (eval::reports::parse_report_format(out) == eval::reports::ReportFormat::jsonl)
      writers.push_back(std::make_unique<eval::reports::JsonlWriter>(out, run.provider_used));
  if (writers.empty()) return writers;
  evals.for_each_result(run.run_id, [&](core::lineage::EvalResultRecord r) {
    auto result = eval::from_record(std::move(r));
    for (auto& writer : writers) writer->append(result);
  });
  return writers;
}

void fail_eval_session(Context& ctx, const EvalCommandOptions& o, const StartedEval& run,
                       const std::string& reason) noexcept {
  try {
    auto eval_store = ctx.open_eval_store();
    auto& evals = *eval_store;
    auto recorded = evals.find_run(run.run_id);
    if (!recorded || recorded->status != "running") return;  // it ended already (interrupted, finished)
    evals.end_run(run.run_id, "failed", core::dump_json(nlohmann::json{{"error", core::redact(reason)}}), std::nullopt);
    if (o.outputs.empty()) return;
    auto results = load_results(evals, run.run_id, Detail::full);
    name_default_provider(results, run.provider_used);
    eval::reports::Report report;
    report.results = results;
    report.summary = eval::stats::summarize(results);
    report.verdict.pass = false;
    report.verdict.checks.push_back({"run", false, false, 0, 0, "the eval failed: " + reason});
    fill_run_info(report.run, evals, o, run);
    for (const auto& out : o.outputs) {
      try {
        if (eval::reports::parse_report_format(out) != eval::reports::ReportFormat::jsonl)
          eval::reports::write_report(report, out);
      } catch (const std::exception& e) {
        print_warning("cannot write the report " + out + ": " + e.what());
      }
    }
  } catch (const std::exception& e) {
    print_warning("cannot record that run " + run.run_id + " failed: " + e.what());
  }
}

}  // namespace genops::cli
