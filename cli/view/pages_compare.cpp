// Compare: two eval runs matched by case key and provider, with the paired
// statistics the gate computes (eval::gate::compare: exact McNemar on the
// discordant pairs, Wilcoxon signed-rank per metric), new failures and fixed
// cases first.
#include <algorithm>

#include "cli/view/pages.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "eval/store/eval_queries.hpp"
#include "eval/store/run_compare.hpp"

namespace genops::cli::view {

namespace {

using eval::EvalRunRecord;

EvalRunRecord run_or_fail(core::lineage::Database& db, const std::string& which, const std::string& id) {
  auto run = eval::find_eval_run(db, id);
  if (!run) core::fail_input(which + ": no eval run \"" + id + "\"", {"the Evals page lists them"});
  return *run;
}

std::string compare_form(PageContext& ctx) {
  return "<form method=\"get\" action=\"/compare\">" + ctx.links.token_field() +
         "<label>baseline run <input name=\"a\" value=\"" + esc(ctx.param("a")) + "\" required></label><label>current run "
         "<input name=\"b\" value=\"" + esc(ctx.param("b")) + "\" required></label><button>Compare</button></form>";
}

// The kept cases of one change, worst first; `total` counts them all.
std::string case_table(PageContext& ctx, const EvalRunRecord& current, const eval::RunComparison& compared,
                       eval::gate::Change change, const char* id) {
  const auto& c = compared.comparison;
  auto total = compared.totals[static_cast<std::size_t>(change)];
  std::string out = std::string("<table id=\"") + id + "\"><tr><th>case</th><th>provider</th><th>baseline pass</th>"
                    "<th>current pass</th><th>baseline score</th><th>current score</th><th>reasons</th></tr>";
  std::int64_t shown = 0;
  for (const auto& k : c.cases) {
    if (k.change != change) continue;
    ++shown;
    std::string reasons;
    for (const auto& r : k.reasons) reasons += esc_cut(r, 200) + "<br>";
    out += "<tr class=\"case\" data-key=\"" + esc(k.case_key) + "\"><td>" +
           ctx.links.a("/case", {{"run", current.id}, {"key", k.case_key}}, k.name.empty() ? k.case_key : k.name) + "</td><td>" +
           esc(k.provider) + "</td><td class=\"num\">" + percent_text(k.baseline_pass_rate) + "</td><td class=\"num\">" +
           percent_text(k.current_pass_rate) + "</td><td class=\"num\">" + core::format_fixed(k.baseline_score, 3) +
           "</td><td class=\"num\">" + core::format_fixed(k.current_score, 3) + "</td><td>" + reasons + "</td></tr>";
  }
  out += "</table>";
  if (total > shown) out += "<p class=\"muted\">" + std::to_string(total - shown) + " more not shown.</p>";
  return out;
}

}  // namespace

// Cases shown per kind of change: the statistics count them all.
constexpr std::size_t k_rows = 500;

PageResult compare_page(PageContext& ctx) {
  if (ctx.param("a").empty() || ctx.param("b").empty())
    return {200, page(ctx.links, "Compare", compare_form(ctx) + "<p class=\"muted\">Pick a baseline and a current eval run (ids or prefixes).</p>"), {}};
  auto& db = ctx.store.db();
  auto a = run_or_fail(db, "a", ctx.param("a"));
  auto b = run_or_fail(db, "b", ctx.param("b"));
  auto compared = eval::compare_runs(db, a.id, b.id, k_rows);
  const auto& c = compared.comparison;
  std::string body = compare_form(ctx);
  body += "<table id=\"comparison\"><tr><th>baseline</th><td>" + ctx.links.a("/eval", {{"run", a.id}}, a.id) + " (" + esc(a.suite) +
          ")</td></tr><tr><th>current</th><td>" + ctx.links.a("/eval", {{"run", b.id}}, b.id) + " (" + esc(b.suite) +
          ")</td></tr><tr><th>matched cases</th><td class=\"num\">" + std::to_string(c.joined) +
          "</td></tr><tr><th>only in current / baseline</th><td class=\"num\">" + std::to_string(c.only_current) + " / " +
          std::to_string(c.only_baseline) + "</td></tr><tr><th>pass rate</th><td class=\"num\">" +
          percent_text(c.baseline_pass_rate) + " → " + percent_text(c.current_pass_rate) + " (" +
          (c.pass_rate_delta >= 0 ? "+" : "") + core::format_fixed(c.pass_rate_delta * 100, 1) +
          " pts)</td></tr><tr><th>new failures</th><td class=\"num\" id=\"new-failures\">" + std::to_string(c.new_failures) +
          "</td></tr><tr><th>fixed</th><td class=\"num\" id=\"fixed\">" + std::to_string(c.fixed) +
          "</td></tr><tr><th>McNemar p (exact, two-sided)</th><td class=\"num\" id=\"mcnemar\">" +
          core::format_general(c.p_value, 4) + "</td></tr></table>";
  body += "<h2>Metrics</h2><table id=\"metrics\"><tr><th>metric</th><th>pairs</th><th>baseline mean</th><th>current mean</th>"
          "<th>delta</th><th>Wilcoxon p</th></tr>";
  for (const auto& m : c.metrics)
    body += "<tr><td>" + esc(m.name) + "</td><td class=\"num\">" + std::to_string(m.pairs) + "</td><td class=\"num\">" +
            core::format_fixed(m.baseline_mean, 3) + "</td><td class=\"num\">" + core::format_fixed(m.current_mean, 3) +
            "</td><td class=\"num\">" + core::format_fixed(m.delta, 3) + "</td><td class=\"num\">" +
            core::format_general(m.p_value, 4) + "</td></tr>";
  body += "</table>";
  body += "<h2>New failures</h2>" + case_table(ctx, b, compared, eval::gate::Change::new_failure, "new-failure-cases");
  body += "<h2>Fixed</h2>" + case_table(ctx, b, compared, eval::gate::Change::fixed, "fixed-cases");
  body += "<h2>Still failing</h2>" + case_table(ctx, b, compared, eval::gate::Change::still_failing, "still-failing-cases");
  return {200, page(ctx.links, "Compare " + a.id + " → " + b.id, body), {}};
}

}  // namespace genops::cli::view
