// genops runs list [--chain NAME] [--kind K] [--status S] [--since 7d] [--json] | show RUN | trace RUN | export RUN --format jsonl
#include <charconv>
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "cli/run_trace.hpp"
#include "cli/telemetry_export.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "eval/store/eval_queries.hpp"
#include "chains/store/run_queries.hpp"
#include "core/strings.hpp"
#include "core/time.hpp"

namespace genops::cli {

namespace {

struct RunsOptions {
  std::string run;
  std::string chain, kind, status, since, format = "jsonl";
  int limit = 50;
  bool json = false;
};

// "7d", "12h", "30m", "90s", "2w" before now, or an ISO date as given.
std::string parse_since(const std::string& text) {
  if (text.empty() || (text.size() >= 10 && text[4] == '-')) return text;
  long long n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, n);
  const long long unit = text.back() == 's' ? 1 : text.back() == 'm' ? 60 : text.back() == 'h' ? 3600
                       : text.back() == 'd' ? 86400 : text.back() == 'w' ? 604800 : 0;
  if (ec != std::errc() || ptr != text.data() + text.size() - 1 || unit == 0 || n < 0)
    core::fail_usage("--since " + core::quote(text) + ": expected a span like 7d, 12h, 30m or a date like 2026-11-01");
  return core::format_timestamp(std::chrono::system_clock::now() - std::chrono::seconds(n * unit));
}

void run_list(Context& ctx, const RunsOptions& o) {
  chains::RunFilter filter;
  filter.name = o.chain;
  filter.status = o.status;
  filter.kind = o.kind;
  filter.since = parse_since(o.since);
  filter.limit = o.limit;
  auto runs = chains::list_runs(ctx.read_store(), filter);
  if (o.json) {
    auto out = nlohmann::json::array();
    for (const auto& r : runs) {
      auto j = run_json(r);
      j.erase("inputs");
      j.erase("outputs");
      out.push_back(std::move(j));
    }
    return print_json(out);
  }
  if (runs.empty()) return print_note("no runs match");
  std::vector<std::vector<std::string>> rows = {{"RUN", "CHAIN", "STATUS", "STARTED", "STEPS", "TOKENS", "COST", "TIME"}};
  for (const auto& r : runs) {
    rows.push_back({r.run.id, r.run.name, r.end.status, r.run.started_at.substr(0, 19), std::to_string(r.end.steps),
                    std::to_string(r.end.input_tokens + r.end.output_tokens), format_cost(r.end.cost_usd),
                    format_ms(r.end.duration_ms)});
  }
  print_table(rows);
}

// The run `id` names; an eval run's id says where to look instead.
chains::RunSummary find_chain_run(Context& ctx, const std::string& id) {
  auto& store = ctx.read_store();
  try {
    return chains::find_run(store, id);
  } catch (const core::Error& e) {
    if (e.kind() != core::ErrorKind::invalid_input || id == "last") throw;
    std::optional<eval::EvalRunRecord> eval_run;
    try {
      eval_run = eval::find_eval_run(store.db(), id);
    } catch (const core::Error&) {
      throw e;  // an ambiguous eval prefix: the runs error is the one to show
    }
    if (!eval_run) throw;
    core::fail_input(core::quote(id) + " is eval run " + eval_run->id + " of eval " + core::quote(eval_run->suite) +
                         ", not a chain run",
                     {"see it with: genops evals show " + eval_run->id,
                      "its cases' chain runs are listed in the eval's results (genops eval ... -o results.json)"});
  }
}

void run_show(Context& ctx, const RunsOptions& o) {
  auto run = find_chain_run(ctx, o.run);
  auto j = run_json(run);
  if (o.json) return print_json(j);
  std::vector<std::vector<std::string>> rows;
  for (const char* key : {"id", "chain", "version", "source", "status", "started_at", "ended_at", "duration_ms", "steps",
                          "input_tokens", "output_tokens", "cost_usd", "git_commit", "host", "inputs", "outputs", "error"}) {
    const auto& v = j[key];
    if (v.is_null() || (v.is_string() && v.get<std::string>().empty())) continue;
    rows.push_back({std::string(key) + ":", v.is_string() ? v.get<std::string>() : core::dump_json(v)});
  }
  print_table(rows);
}

void run_trace(Context& ctx, const RunsOptions& o) {
  auto run = find_chain_run(ctx, o.run);
  auto steps = chains::run_steps(ctx.read_store(), run.run.id, chains::Texts::no);
  if (o.json) {
    auto out = run_json(run);
    out["steps"] = nlohmann::json::array();
    for (const auto& s : steps) out["steps"].push_back(step_json(s));
    return print_json(out);
  }
  std::cout << render_trace(run, steps, colour_enabled(stdout));
}

void run_export(Context& ctx, const RunsOptions& o) {
  if (o.format == "otlp") return print_otlp_export(ctx, find_chain_run(ctx, o.run));
  auto run = find_chain_run(ctx, o.run);
  auto j = run_json(run);
  j["type"] = "run";
  std::cout << core::dump_json(j) << '\n';
  for (const auto& s : chains::run_steps(ctx.read_store(), run.run.id, chains::Texts::yes)) {
    auto sj = step_json(s);
    sj["type"] = "step";
    sj["run"] = run.run.id;
    std::cout << core::dump_json(sj) << '\n';
  }
}

CLI::App* add(CLI::App& runs, Context& ctx, std::shared_ptr<RunsOptions> o, const char* name, const char* help,
              void (*fn)(Context&, const RunsOptions&), std::initializer_list<const char*> examples) {
  auto* cmd = runs.add_subcommand(name, help);
  if (std::string_view(name) != "list") cmd->add_option("run", o->run, "A run id, a unique prefix of it, or \"last\"")->required();
  cmd->footer(example(examples));
  cmd->callback([&ctx, o, fn] { fn(ctx, *o); });
  return cmd;
}

}  // namespace

void add_runs_commands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<RunsOptions>();
  auto* runs = app.add_subcommand("runs", "Recorded chain runs: list, show, trace, export");
  runs->require_subcommand(1);
  runs->footer(example({"genops runs list --since 7d", "genops runs trace last"}));
  auto* list = add(*runs, ctx, o, "list", "Runs, newest first", run_list,
                   {"genops runs list --chain support --status failed --since 7d", "genops runs list --kind judge --status abandoned"});
  list->add_option("--chain", o->chain, "Only runs of this chain (or ingested inputs of that name)");
  list->add_option("--kind", o->kind, "Only runs of this kind: chain, judge (an eval's judge calls), ingest (logged inputs)")
      ->check(CLI::IsMember({"chain", "judge", "ingest"}));
  list->add_option("--status", o->status,
                   "Only runs with this status: running, succeeded, failed, budget_exceeded, interrupted, "
                   "abandoned (running, but its process is gone), ingested")
      ->check(CLI::IsMember({"running", "succeeded", "failed", "budget_exceeded", "interrupted", "abandoned", "ingested"}));
  list->add_option("--since", o->since, "Only runs started within this span (7d, 12h, 30m) or since a date");
  list->add_option("--limit", o->limit, "At most this many runs (default 50)")->check(CLI::Range(1, 100000));
  list->add_flag("--json", o->json, "Print JSON");
  auto* show = add(*runs, ctx, o, "show", "A run's inputs, outputs, totals and provenance", run_show, {"genops runs show last"});
  show->add_flag("--json", o->json, "Print JSON");
  auto* trace = add(*runs, ctx, o, "trace", "A run's steps as a tree with timing, tokens and cost", run_trace,
                    {"genops runs trace 3f2a9c1d"});
  trace->add_flag("--json", o->json, "Print JSON");
  auto* exp = add(*runs, ctx, o, "export", "A run and its steps (requests and outputs included) as JSON lines", run_export,
                  {"genops runs export last --format jsonl > run.jsonl", "genops runs export last --format otlp > run.otlp.jsonl"});
  exp->add_option("--format", o->format,
                   "jsonl (genops' records), or otlp (one OTLP/JSON ExportTraceServiceRequest line, as sent to a "
                   "collector; docs/telemetry.md)")
      ->check(CLI::IsMember({"jsonl", "otlp"}));
}

}  // namespace genops::cli
