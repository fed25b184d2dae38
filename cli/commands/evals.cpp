// genops evals list [NAME] [--limit N] [--json] | show RUN [--json] | label RUN LABEL [--json]
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands/commands.hpp"
#include "cli/label_moves.hpp"
#include "cli/eval_shards_finish.hpp"
#include "cli/output.hpp"
#include "cli/prompt_json.hpp"
#include "cli/run_trace.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "eval/store/eval_queries.hpp"
#include "eval/store/eval_store.hpp"
#include "core/strings.hpp"
#include "eval/session/run_summary.hpp"

namespace genops::cli {

namespace {

using eval::EvalRunListing;

struct EvalsOptions {
  std::string name;  // list: only this eval
  std::string run;
  std::string label;
  int limit = 50;
  bool json = false;
};

std::string pass_rate(const EvalRunListing& r) {
  if (r.results == 0) return "-";
  std::ostringstream out;
  out << std::fixed << std::setprecision(3) << static_cast<double>(r.passes) / static_cast<double>(r.results);
  return out.str();
}

std::string gate_text(const eval::EvalRunRecord& run) {
  if (!run.gate_passed) return "-";
  return *run.gate_passed ? "pass" : "fail";
}

// "2/4" for a shard, "" otherwise.
std::string shard_text(const eval::EvalRunRecord& run) {
  if (!run.is_shard()) return "";
  return std::to_string(run.shard_index) + "/" + std::to_string(run.shard_count);
}

// The command that finishes a run that did not end, or "".
std::string resume_command(const eval::EvalRunRecord& run) {
  if (run.status != "interrupted" && run.status != "abandoned") return "";
  if (run.is_shard())
    return "genops eval " + (run.suite_path.empty() ? "EVAL.yaml" : run.suite_path) + " --shard " + shard_text(run) +
           " --run-name " + run.run_name;
  return "genops eval " + (run.suite_path.empty() ? "EVAL.yaml" : run.suite_path) + " --resume " + run.id;
}

nlohmann::json listing_json(const EvalRunListing& r) {
  const auto& run = r.run;
  nlohmann::json j = {{"id", run.id},           {"eval", run.suite},       {"file", run.suite_path},
                      {"target", run.target},   {"status", run.status},    {"started_at", run.started_at},
                      {"ended_at", run.ended_at}, {"planned", run.planned}, {"results", r.results},
                      {"passes", r.passes},     {"errors", r.errors},      {"cases", r.cases},
                      {"cost_usd", r.cost_usd}, {"labels", r.labels},      {"git_commit", run.git_commit},
                      {"host", run.host}};
  j["pass_rate"] = r.results ? nlohmann::json(static_cast<double>(r.passes) / static_cast<double>(r.results)) : nullptr;
  j["gate_passed"] = run.gate_passed ? nlohmann::json(*run.gate_passed) : nullptr;
  const auto stored = eval::session::RunSummary::from_json(run.summary_json);
  j["baseline"] = stored.baseline.value_or("");
  j["gate_failures"] = stored.gate_failures.value_or("");
  j["run_name"] = run.run_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(run.run_name);
  j["shard"] = run.is_shard() ? nlohmann::json(shard_text(run)) : nlohmann::json(nullptr);
  auto resume = resume_command(run);
  j["resume"] = resume.empty() ? nlohmann::json(nullptr) : nlohmann::json(resume);
  return j;
}

void run_list(Context& ctx, const EvalsOptions& o) {
  auto runs = eval::list_eval_runs(ctx.read_store().db(), o.name, o.limit);
  if (o.json) {
    auto out = nlohmann::json::array();
    for (const auto& r : runs) out.push_back(listing_json(r));
    return print_json(out);
  }
  if (runs.empty()) return print_note(o.name.empty() ? "no eval runs yet" : "no runs of eval " + core::quote(o.name));
  std::vector<std::vector<std::string>> rows = {{"RUN", "EVAL", "STARTED", "STATUS", "GATE", "PASS RATE", "CASES", "LABELS"}};
  for (const auto& r : runs) {
    rows.push_back({r.run.id, r.run.suite, r.run.started_at.substr(0, 19), r.run.status, gate_text(r.run), pass_rate(r),
                    std::to_string(r.cases), core::join(r.labels, ", ")});
  }
  print_table(rows);
}

eval::EvalRunRecord find_or_fail(core::lineage::Database& db, const std::string& id) {
  auto run = eval::find_eval_run(db, id);
  if (!run) core::fail_input("no eval run " + core::quote(id), {"list eval runs with: genops evals list"});
  return *run;
}

void run_show(Context& ctx, const EvalsOptions& o) {
  auto& db = ctx.read_store().db();
  auto listing = eval::describe_eval_run(db, find_or_fail(db, o.run));
  auto j = listing_json(listing);
  if (o.json) return print_json(j);
  std::vector<std::vector<std::string>> rows;
  auto add = [&rows](const std::string& key, const std::string& value) {
    if (!value.empty()) rows.push_back({key + ":", value});
  };
  const auto& run = listing.run;
  add("id", run.id);
  add("eval", run.suite);
  add("file", run.suite_path);
  add("target", run.target);
  add("status", run.status);
  add("run_name", run.run_name);
  add("shard", run.is_shard() ? shard_text(run) : run.is_sharded_whole() ? "all " + std::to_string(run.shard_count) : "");
  add("started_at", run.started_at);
  add("ended_at", run.ended_at);
  add("gate", gate_text(run) + (j["gate_failures"].get<std::string>().empty() ? "" : " (" + j["gate_failures"].get<std::string>() + ")"));
  add("results", std::to_string(listing.results) + " of " + std::to_string(run.planned) + " planned, " +
                     std::to_string(listing.passes) + " passed, " + std::to_string(listing.errors) + " errors");
  add("pass_rate", pass_rate(listing));
  add("cases", std::to_string(listing.cases));
  add("cost", format_cost(listing.cost_usd));
  add("baseline", j["baseline"].get<std::string>());
  add("labels", core::join(listing.labels, ", "));
  add("git_commit", run.git_commit);
  add("host", run.host);
  add("resume", resume_command(run));
  print_table(rows);
}

void run_label(Context& ctx, const EvalsOptions& o) {
  auto& store = ctx.store();
  auto eval_store = ctx.open_eval_store();
  auto moved = move_eval_label(store.db(), *eval_store, o.run, o.label, ctx.author());
  const auto& run = moved.run;
  if (run.status != "finished")
    print_warning("run " + run.id + " is " + run.status + "; a baseline is usually a finished run");
  if (o.json) {
    return print_json({{"eval", run.suite}, {"label", o.label}, {"run", run.id},
                       {"previous", moved.previous ? nlohmann::json(*moved.previous) : nlohmann::json(nullptr)}});
  }
  std::cout << describe(moved, o.label) << '\n';
}

}  // namespace

void add_evals_commands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<EvalsOptions>();
  auto* evals = app.add_subcommand("evals", "Recorded eval runs: list, show, label, finish");
  evals->require_subcommand(1);
  evals->footer(example({"genops evals list support-regression", "genops evals show 3f2a9c1d",
                         "genops evals label 3f2a9c1d main", "genops evals finish ci-42 --baseline main -o report.xml"}));
  auto* list = evals->add_subcommand("list", "Eval runs, newest first: status (abandoned when their process is gone), "
                                             "gate, pass rate, cases and the labels each holds");
  list->add_option("name", o->name, "Only runs of this eval (its name: field)");
  list->add_option("--limit", o->limit, "At most this many runs (default 50)")->check(CLI::Range(1, 100000));
  list->add_flag("--json", o->json, "Print JSON");
  list->footer(example({"genops evals list support-regression --limit 10"}));
  list->callback([&ctx, o] { run_list(ctx, *o); });
  auto* show = evals->add_subcommand("show", "One eval run: gate verdict, counts, pass rate, cost, baseline, labels, "
                                             "and the command that resumes it when it did not finish");
  show->add_option("run", o->run, "An eval run id, a unique prefix of it, or \"last\"")->required();
  show->add_flag("--json", o->json, "Print JSON");
  show->footer(example({"genops evals show last"}));
  show->callback([&ctx, o] { run_show(ctx, *o); });
  auto* label = evals->add_subcommand("label", "Point a label of the run's eval at the run (history kept); "
                                               "genops eval --baseline LABEL then compares with it");
  label->add_option("run", o->run, "An eval run id, a unique prefix of it, or \"last\"")->required();
  label->add_option("label", o->label, "The label to move, e.g. main")->required();
  label->add_flag("--json", o->json, "Print JSON");
  label->footer(example({"genops evals label 3f2a9c1d main"}));
  label->callback([&ctx, o] { run_label(ctx, *o); });
  auto f = std::make_shared<EvalsFinishOptions>();
  auto* finish = evals->add_subcommand("finish", "Once every shard of a named run is in: its summary, baseline "
                                                 "comparison, gate and reports, exiting like genops eval");
  finish->add_option("name", f->name, "The run name the shards were given with --run-name")->required();
  finish->add_option("--eval", f->eval_file, "The eval file (default: the path the shards recorded)");
  finish->add_option("--baseline", f->baseline, "Compare with the last run with this label, or this run id");
  finish->add_option("--label", f->label, "Label the whole run (e.g. main) so later runs can use it as their baseline");
  finish->add_option("-o,--output", f->outputs, "Write a report: .json .jsonl .xml (JUnit) .md .html .csv (repeatable)");
  finish->add_flag("--json", f->json, "Print the JSON report on stdout instead of the table");
  finish->footer(example({"genops evals finish ci-42 --baseline main -o junit.xml",
                          "genops evals finish nightly-2026-12-05 --label main"}));
  finish->callback([&ctx, f] { finish_sharded_run(ctx, *f); });
}

}  // namespace genops::cli
