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
#include "eval/session/conclusion.hpp"
#include "eval/session/run_summary.hpp"

namespace genops::cli {

namespace {

using eval::EvalStore;

eval::session::Conclusion conclude_run(EvalStore& evals, const std::string& run_id, const std::string& provider_used,
                                       bool keep_results, const std::optional<std::string>& baseline = std::nullopt) {
  return eval::session::conclude(evals, run_id, {provider_used, keep_results, baseline});
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
                         const std::optional<std::string>& baseline, const std::string& provider_used,
                         const std::optional<eval::reports::RunInfo::Batch>& batch) {
  auto concluded = conclude_run(evals, run_id, provider_used, wants_full_results(o), baseline);
  eval::session::throw_if_all_failed(concluded);
  eval::reports::Report report;
  report.results = concluded.results;
  report.summary = std::move(concluded.summary);
  report.comparison = std::move(concluded.comparison);
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
  auto stored = eval::session::RunSummary::of(report.summary);
  stored.baseline = baseline.value_or("");  // shown by genops evals show
  stored.gate_failures = eval::session::gate_failures(report.verdict);
  evals.end_run(run_id, "finished", core::dump_json(stored.to_json()), report.verdict.pass);
  if (!o.label.empty()) evals.add_label(o.label, suite.name, run_id, ctx.author());

  fill_run_info(report.run, evals, o, StartedEval{run_id, started, target, provider_used, suite.name, suite.providers});
  report.run.baseline = baseline.value_or("");
  report.run.batch = batch;
  write_reports(report, o);
  print_report(report, o.json);
  if (!report.verdict.pass)
    throw core::Error(core::ErrorKind::check_failed, "eval " + suite.name + ": the gate failed: " + eval::session::gate_failures(report.verdict),
                      {"see the report above; run " + run_id + " is in the store"});
}

void finish_shard_session(const eval::Suite& suite, const EvalCommandOptions& o, EvalStore& evals,
                          const StartedEval& run, const std::string& shard) {
  auto concluded = conclude_run(evals, run.run_id, run.provider_used, wants_full_results(o));
  eval::session::throw_if_all_failed(concluded);
  eval::reports::Report report;
  report.results = concluded.results;
  report.summary = std::move(concluded.summary);
  const std::string finish = "genops evals finish " + o.run_name;
  report.verdict.gated = false;
  report.verdict.checks.push_back({"gate", true, true, 0, 0,
                                   "not gated: shard " + shard + " of run " + o.run_name + "; " + finish +
                                       " gates the whole run once every shard is in"});
  auto stored = eval::session::RunSummary::of(report.summary);
  stored.shard = shard;
  evals.end_run(run.run_id, "finished", core::dump_json(stored.to_json()), std::nullopt);
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
  evals.for_each_result(run.run_id, [&](eval::CaseResult result) {
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
    evals.end_run(run.run_id, "failed", core::dump_json(eval::session::RunSummary::failed(core::redact(reason)).to_json()),
                  std::nullopt);
    if (o.outputs.empty()) return;
    auto concluded = conclude_run(evals, run.run_id, run.provider_used, true);
    eval::reports::Report report;
    report.results = concluded.results;
    report.summary = std::move(concluded.summary);
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
