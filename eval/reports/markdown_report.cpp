// The .md report: a pull-request comment. Verdict line, summary table, gate
// checks, metrics, regressions vs the baseline and failing cases, kept under
// GitHub's 65,536-character comment limit by cutting the long tables.
#include <algorithm>
#include <map>

#include "core/format.hpp"
#include "core/strings.hpp"
#include "eval/reports/escape.hpp"
#include "eval/reports/formats.hpp"
#include "eval/stats/reasons.hpp"

namespace genops::eval::reports {

namespace {

constexpr std::size_t k_budget = 60000;       // bytes; GitHub counts characters, never more than bytes
constexpr std::size_t k_footer_reserve = 600;  // room for "… and N more" lines and the footer
constexpr std::size_t k_max_metric_rows = 30;
constexpr std::size_t k_max_change_rows = 25;
constexpr std::size_t k_max_failure_rows = 50;

std::string md(std::string_view text, std::size_t max = 120) { return markdown_inline(text, max); }

std::string percent(double share) { return fixed(share * 100, 1) + "%"; }

std::string signed_points(double delta) { return (delta >= 0 ? "+" : "") + fixed(delta * 100, 1) + " pts"; }

std::string ci_text(const stats::Interval& ci) { return percent(ci.low) + "–" + percent(ci.high); }

void verdict_and_run(std::string& out, const Report& r) {
  std::vector<std::string> failed;
  for (const gate::GateCheck& c : r.verdict.checks)
    if (!c.pass) failed.push_back(c.name);
  out += r.verdict.pass ? "## ✅ genops eval " + md(r.run.suite_name) + ": gate passed\n\n"
                        : "## ❌ genops eval " + md(r.run.suite_name) + ": gate failed (" + md(core::join(failed, ", ")) +
                              ")\n\n";
  std::vector<std::string> facts;
  if (!r.run.run_id.empty()) facts.push_back("run " + md(r.run.run_id));
  if (!r.run.target.empty()) facts.push_back(md(r.run.target));
  if (!r.run.git_commit.empty()) facts.push_back("commit " + md(r.run.git_commit.substr(0, 12)));
  if (!r.run.label.empty()) facts.push_back("label " + md(r.run.label));
  if (!r.run.baseline.empty()) facts.push_back("baseline " + md(r.run.baseline));
  if (r.run.batch)
    facts.push_back("ran as provider batches: $" + core::format_fixed(r.run.batch->cost_usd, 4) + ", saved $" +
                    core::format_fixed(r.run.batch->saved_usd, 4));
  if (!facts.empty()) out += core::join(facts, " · ") + "\n\n";
}

void summary_table(std::string& out, const Report& r) {
  const stats::Summary& s = r.summary;
  const std::string k = std::to_string(s.k);
  out += "| provider | results | pass rate (95% CI) | cases all passing | pass@" + k + " | pass^" + k +
         " | cost | tokens in/out | latency p50/p95 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  auto row = [&](const std::string& name, std::int64_t results, double rate, const stats::Interval& ci,
                 const std::string& cases, const std::string& at_k, const std::string& hat_k, const stats::Usage& u) {
    out += "| " + name + " | " + std::to_string(results) + " | " + percent(rate) + " (" + ci_text(ci) + ") | " + cases +
           " | " + at_k + " | " + hat_k + " | $" + fixed(u.cost_usd, 4) + " | " + std::to_string(u.input_tokens) + "/" +
           std::to_string(u.output_tokens) + " | " + fixed(u.latency_p50_ms, 0) + "/" + fixed(u.latency_p95_ms, 0) +
           " ms |\n";
  };
  if (s.providers.size() > 1 || (s.providers.size() == 1 && !s.providers[0].provider.empty())) {
    for (const stats::ProviderStats& p : s.providers) {
      row(md(p.provider, 60), p.results, p.pass_rate, p.pass_rate_ci,
          std::to_string(p.cases_all_passed) + "/" + std::to_string(p.cases), fixed(p.mean_pass_at_k),
          fixed(p.mean_pass_hat_k), p.usage);
    }
  }
  row("**all**", s.results, s.pass_rate, s.pass_rate_ci,
      std::to_string(s.cases_all_passed) + "/" + std::to_string(s.cases), fixed(s.mean_pass_at_k),
      fixed(s.mean_pass_hat_k), s.usage);
  if (s.errors > 0) out += "\n" + std::to_string(s.errors) + " results failed on their target (errors).\n";
  out += "\n";
}

void gate_section(std::string& out, const Report& r) {
  if (r.verdict.checks.empty()) return;
  out += "### Gate\n\n| | check | result |\n|---|---|---|\n";
  for (const gate::GateCheck& c : r.verdict.checks) {
    out += std::string("| ") + (c.skipped ? "⏭️" : c.pass ? "✅" : "❌") + " | " + md(c.name, 80) + " | " +
           md(c.message, 400) + " |\n";
  }
  out += "\n";
}

void metrics_section(std::string& out, const Report& r) {
  const auto& metrics = r.summary.metrics;
  if (metrics.empty()) return;
  std::map<std::string, const gate::MetricDelta*> deltas;
  if (r.comparison)
    for (const gate::MetricDelta& d : r.comparison->metrics) deltas[d.name] = &d;
  out += "### Metrics\n\n| metric | mean (95% bootstrap CI) | scores | passed | vs baseline |\n|---|---:|---:|---:|---:|\n";
  for (std::size_t i = 0; i < metrics.size() && i < k_max_metric_rows; ++i) {
    const stats::MetricStats& m = metrics[i];
    const auto d = deltas.find(m.name);
    const std::string versus = d == deltas.end() ? "" : (d->second->delta >= 0 ? "+" : "") + fixed(d->second->delta) +
                                                            " (p = " + fixed(d->second->p_value) + ")";
    out += "| " + md(m.name, 60) + " | " + fixed(m.mean) + " (" + fixed(m.mean_ci.low) + "–" + fixed(m.mean_ci.high) +
           ") | " + std::to_string(m.count) + " | " + std::to_string(m.passes) + " | " + versus + " |\n";
  }
  if (metrics.size() > k_max_metric_rows)
    out += "\n… and " + std::to_string(metrics.size() - k_max_metric_rows) + " more metrics in the JSON report.\n";
  out += "\n";
}

// Appends rows while they fit the budget; says how many were left out.
void add_rows(std::string& out, const std::vector<std::string>& rows, std::size_t max_rows, const char* what) {
  std::size_t shown = 0;
  for (const std::string& row : rows) {
    if (shown >= max_rows || out.size() + row.size() + k_footer_reserve > k_budget) break;
    out += row;
    ++shown;
  }
  if (shown < rows.size())
    out += "\n… and " + std::to_string(rows.size() - shown) + " more " + what + " in the HTML or JSON report.\n";
  out += "\n";
}

void regressions_section(std::string& out, const Report& r) {
  if (!r.comparison) return;
  const gate::Comparison& c = *r.comparison;
  out += "### Compared with the baseline\n\nPass rate " + percent(c.baseline_pass_rate) + " → " +
         percent(c.current_pass_rate) + " (" + signed_points(c.pass_rate_delta) + ") over " +
         std::to_string(c.joined) + " shared cases; " + std::to_string(c.new_failures) + " new failures, " +
         std::to_string(c.fixed) + " fixed (exact McNemar p = " + fixed(c.p_value) + "); " +
         std::to_string(c.only_current) + " new cases, " + std::to_string(c.only_baseline) + " removed.\n\n";
  std::vector<std::string> rows;
  for (const gate::CaseChange& x : c.cases) {
    const bool worse = x.change == gate::Change::new_failure || x.current_pass_rate < x.baseline_pass_rate ||
                       x.current_score < x.baseline_score - 1e-9;
    if (!worse) continue;
    rows.push_back("| " + md(case_label(x.case_key, x.name)) + " | " + md(x.provider, 40) + " | " +
                   gate::change_name(x.change) + " | " + percent(x.baseline_pass_rate) + " → " +
                   percent(x.current_pass_rate) + " | " + fixed(x.baseline_score) + " → " + fixed(x.current_score) +
                   " | " + md(core::join(x.reasons, "; "), 300) + " |\n");
  }
  if (rows.empty()) return;
  out += "#### Top regressions\n\n| case | provider | change | pass rate | score | why |\n|---|---|---|---:|---:|---|\n";
  add_rows(out, rows, k_max_change_rows, "regressions");
}

void failures_section(std::string& out, const Report& r) {
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> reasons;
  for (const CaseResult& res : r.results) {
    if (res.pass) continue;
    auto& list = reasons[{res.provider, res.case_key}];
    for (std::string& reason : stats::failure_reasons(res))
      if (list.size() < 3 && std::find(list.begin(), list.end(), reason) == list.end()) list.push_back(std::move(reason));
  }
  std::vector<const stats::CaseStats*> failing;
  for (const stats::CaseStats& c : r.summary.case_stats)
    if (c.passes < c.runs) failing.push_back(&c);
  if (failing.empty()) return;
  std::stable_sort(failing.begin(), failing.end(),
                   [](const stats::CaseStats* a, const stats::CaseStats* b) { return a->pass_rate < b->pass_rate; });
  std::vector<std::string> rows;
  for (const stats::CaseStats* c : failing) {
    rows.push_back("| " + md(case_label(c->case_key, c->name)) + " | " + md(c->provider, 40) + " | " +
                   std::to_string(c->passes) + "/" + std::to_string(c->runs) + " | " +
                   md(core::join(reasons[{c->provider, c->case_key}], "; "), 300) + " |\n");
  }
  out += "### Failing cases (" + std::to_string(failing.size()) + ")\n\n| case | provider | passed | why |\n|---|---|---:|---|\n";
  add_rows(out, rows, k_max_failure_rows, "failing cases");
}

}  // namespace

std::string render_markdown(const Report& report) {
  std::string out;
  verdict_and_run(out, report);
  summary_table(out, report);
  gate_section(out, report);
  metrics_section(out, report);
  regressions_section(out, report);
  failures_section(out, report);
  out += "<sub>genops eval · pass rate CI: Wilson score · metric CIs: percentile bootstrap (1,000 resamples) · "
         "baseline test: exact McNemar</sub>\n";
  // The fixed sections are small, but a huge gate message must not break the comment.
  if (out.size() > k_budget) out = truncate_text(out, k_budget) + "\n\n… report cut to fit a GitHub comment.\n";
  return out;
}

}  // namespace genops::eval::reports
