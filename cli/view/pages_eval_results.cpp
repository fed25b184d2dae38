// One eval run's results, filtered (failed, errored, changed vs a baseline,
// by provider, by a regex over vars and output) and sorted and paged in the
// store; one case's repeats with their assertions and chain trace.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "cli/view/pages.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "core/json.hpp"
#include "eval/store/eval_queries.hpp"
#include "eval/store/eval_result_pages.hpp"
#include "chains/store/run_queries.hpp"
#include "core/regex.hpp"
#include "eval/session/run_summary.hpp"

namespace genops::cli::view {

namespace {

using eval::CaseResult;
using eval::EvalRunRecord;

EvalRunRecord run_or_fail(core::lineage::Database& db, const std::string& id) {
  auto run = eval::find_eval_run(db, id);
  if (!run) core::fail_input("run: no eval run \"" + id + "\"", {"the Evals page lists them"});
  return *run;
}

std::string select_field(const char* name, const std::string& current, std::initializer_list<std::pair<const char*, const char*>> options) {
  std::string out = std::string("<label>") + name + " <select name=\"" + name + "\">";
  for (const auto& [value, text] : options)
    out += std::string("<option value=\"") + value + "\"" + (current == value ? " selected" : "") + ">" + text + "</option>";
  return out + "</select></label>";
}

std::string providers_select(const EvalRunRecord& run, const std::string& current) {
  auto providers = core::parse_json(run.providers_json);
  std::string out = "<label>provider <select name=\"provider\"><option value=\"\">all</option>";
  if (providers && providers->is_array())
    for (const auto& p : *providers)
      if (p.is_string())
        out += "<option value=\"" + esc(p.get<std::string>()) + "\"" + (current == p.get<std::string>() ? " selected" : "") +
               ">" + esc(p.get<std::string>()) + "</option>";
  return out + "</select></label>";
}

std::string summary_line(const EvalRunRecord& run) {
  auto summary = core::parse_json(run.summary_json);
  std::string out = "<p>eval " + esc(run.suite) + " · " + esc(run.status) + " · started " + esc(run.started_at);
  if (run.gate_passed) out += *run.gate_passed ? " · gate <span class=\"pass\">passed</span>" : " · gate <span class=\"fail\">failed</span>";
  if (summary && summary->is_object()) {
    // A field is shown when the summary has it as a number (older runs, a
    // failed run's {"error"} and merged shards each hold fewer).
    auto number = [&](const char* key) -> const nlohmann::json* {
      auto it = summary->find(key);
      return it != summary->end() && it->is_number() ? &*it : nullptr;
    };
    if (auto* v = number("results")) out += " · " + std::to_string(v->get<long long>()) + " results";
    if (auto* v = number("pass_rate")) out += " · pass rate " + percent_text(v->get<double>());
    if (auto* v = number("cost_usd")) out += " · " + cost_text(v->get<double>());
  }
  auto failures = eval::session::RunSummary::from_json(run.summary_json).gate_failures.value_or("");
  if (!failures.empty()) out += "<br><span class=\"fail\">" + esc(failures) + "</span>";
  return out + "</p>";
}

std::string result_row(PageContext& ctx, const EvalRunRecord& run, const eval::CaseResult& r) {
  bool errored = !r.error.empty();
  return "<tr class=\"result\" data-key=\"" + esc(r.case_key) + "\" data-provider=\"" + esc(r.provider) + "\" data-repeat=\"" +
         std::to_string(r.repeat) + "\"><td>" + ctx.links.a("/case", {{"run", run.id}, {"key", r.case_key}}, r.case_key) +
         "</td><td>" + esc(r.provider) + "</td><td class=\"num\">" + std::to_string(r.repeat) + "</td><td class=\"" +
         (r.pass ? "pass\">pass" : errored ? "fail\">error" : "fail\">fail") + "</td><td class=\"num\">" +
         core::format_fixed(r.score, 3) + "</td><td class=\"num\">" + ms_text(static_cast<double>(r.latency_ms)) +
         "</td><td class=\"num\">" + cost_text(r.cost_usd) + "</td><td><code>" + esc_cut(core::dump_json(r.vars), 200) + "</code></td><td>" +
         esc_cut(r.output, 300) + "</td><td>" + esc_cut(r.error, 200) + "</td></tr>";
}

}  // namespace

PageResult eval_run_page(PageContext& ctx) {
  auto run = run_or_fail(ctx.store.db(), ctx.param("run"));
  eval::ResultFilter filter;
  filter.status = ctx.param("status");
  filter.provider = ctx.param("provider");
  filter.sort = ctx.param("sort", "key");
  filter.baseline_run_id = ctx.param("baseline", eval::session::RunSummary::from_json(run.summary_json).baseline.value_or(""));
  if (filter.status == "changed" && !filter.baseline_run_id.empty())
    filter.baseline_run_id = run_or_fail(ctx.store.db(), filter.baseline_run_id).id;
  filter.limit = std::clamp(ctx.number("size", 50), 1LL, 500LL);
  auto page_no = std::max(ctx.number("page", 0), 0LL);
  filter.offset = page_no * filter.limit;
  auto pattern = ctx.param("q");
  std::optional<core::Regex> regex;
  if (!pattern.empty()) {
    auto compiled = core::Regex::compile(pattern);
    if (!compiled) core::fail_input("q: not a regular expression (RE2): " + compiled.error());
    regex = *compiled;
    filter.keep = [&](std::string_view vars, std::string_view output) { return regex->search(vars) || regex->search(output); };
  }
  auto result_page = eval::eval_result_page(ctx.store.db(), run.id, filter);

  std::string body = summary_line(run) + "<form method=\"get\" action=\"/eval\">" + ctx.links.token_field() +
                     "<input type=\"hidden\" name=\"run\" value=\"" + esc(run.id) + "\">" +
                     select_field("status", filter.status, {{"", "all"}, {"failed", "failed"}, {"errored", "errored"}, {"passed", "passed"}, {"changed", "changed vs baseline"}}) +
                     providers_select(run, filter.provider) + "<label>baseline <input name=\"baseline\" value=\"" +
                     esc(ctx.param("baseline")) + "\" placeholder=\"" + esc(filter.baseline_run_id) + "\"></label>" +
                     "<label>regex over vars and output <input name=\"q\" value=\"" + esc(pattern) + "\"></label>" +
                     select_field("sort", filter.sort, {{"key", "case key"}, {"-score", "score ↓"}, {"score", "score ↑"}, {"-latency", "latency ↓"}, {"latency", "latency ↑"}, {"-cost", "cost ↓"}, {"cost", "cost ↑"}}) +
                     "<button>Filter</button></form>";
  body += "<table id=\"results\" data-page=\"" + std::to_string(page_no) + "\" data-rows=\"" +
          std::to_string(result_page.rows.size()) + "\"><tr><th>case</th><th>provider</th><th>repeat</th><th>verdict</th>"
          "<th>score</th><th>latency</th><th>cost</th><th>vars</th><th>output</th><th>error</th></tr>";
  for (const auto& r : result_page.rows) body += result_row(ctx, run, r);
  body += "</table>";
  if (result_page.scan_exhausted)
    body += "<p class=\"warn\">Stopped after scanning " + std::to_string(result_page.scanned) +
            " results; narrow the filter to search further.</p>";
  auto link = [&](long long to, const char* text) {
    return ctx.links.a("/eval", {{"run", run.id}, {"status", filter.status}, {"provider", filter.provider},
                                 {"baseline", ctx.param("baseline")}, {"q", pattern}, {"sort", ctx.param("sort")},
                                 {"size", ctx.param("size")}, {"page", std::to_string(to)}}, text);
  };
  body += "<p>page " + std::to_string(page_no + 1) + " ";
  if (page_no > 0) body += link(page_no - 1, "← previous") + " ";
  if (result_page.more) body += "<span id=\"next\">" + link(page_no + 1, "next →") + "</span>";
  body += "</p>";
  return {200, page(ctx.links, "Eval run " + run.id, body), {}};
}

namespace {

std::string assertions_table(const std::vector<eval::AssertionResult>& list) {
  if (list.empty()) return "<p class=\"muted\">No assertions.</p>";
  std::string out = "<table class=\"assertions\"><tr><th>type</th><th>metric</th><th>verdict</th><th>score</th>"
                    "<th>threshold</th><th>weight</th><th>reason</th></tr>";
  auto number = [](std::optional<double> v) { return v ? core::format_fixed(*v, 3) : std::string("-"); };
  for (const auto& a : list) {
    out += "<tr><td>" + esc(a.type) + "</td><td>" + esc(a.metric) + "</td><td class=\"" +
           (a.pass ? "pass\">pass" : "fail\">fail") + "</td><td class=\"num\">" + number(a.score) + "</td><td class=\"num\">" +
           number(a.threshold) + "</td><td class=\"num\">" + number(a.weight) + "</td><td>" + esc(a.reason) + "</td></tr>";
  }
  return out + "</table>";
}

}  // namespace

PageResult eval_case_page(PageContext& ctx) {
  auto run = run_or_fail(ctx.store.db(), ctx.param("run"));
  auto key = ctx.param("key");
  auto results = eval::eval_case_results(ctx.store.db(), run.id, key);
  if (results.empty()) core::fail_input("run " + run.id + " has no case \"" + key + "\"");
  std::string body = "<p>" + ctx.links.a("/eval", {{"run", run.id}}, "← eval run " + run.id) + "</p>";
  if (!results.front().description.empty()) body += "<p>" + esc(results.front().description) + "</p>";
  body += "<h2>Vars</h2><pre id=\"vars\">" + esc(core::dump_json(results.front().vars)) + "</pre>";
  if (results.front().expected) body += "<h2>Expected</h2><pre>" + esc(*results.front().expected) + "</pre>";
  for (const auto& r : results) {
    body += "<h2 class=\"repeat\">" + (r.provider.empty() ? std::string() : esc(r.provider) + " · ") + "repeat " +
            std::to_string(r.repeat) + " · <span class=\"" + (r.pass ? "pass\">pass" : "fail\">fail") + "</span> · score " +
            core::format_fixed(r.score, 3) + " · " + ms_text(static_cast<double>(r.latency_ms)) + " · " + cost_text(r.cost_usd) +
            (r.cached ? " · cached" : "") + "</h2><pre class=\"output\">" + esc(r.output) + "</pre>";
    if (!r.error.empty()) body += "<pre class=\"fail\">" + esc(r.error) + "</pre>";
    body += assertions_table(r.assertions);
    if (!r.run_id.empty()) {
      body += "<h3>Chain trace: " + ctx.links.a("/run", {{"id", r.run_id}}, "run " + r.run_id) + "</h3>";
      body += step_waterfall(ctx, r.run_id, chains::run_steps(ctx.store, r.run_id, chains::Texts::no));
    }
  }
  return {200, page(ctx.links, "Case " + key, body), {}};
}

}  // namespace genops::cli::view
