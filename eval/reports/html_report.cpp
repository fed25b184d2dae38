// The .html report: one self-contained page (inline CSS, JS and SVG; no
// network). Summary, gate and metrics are rendered here; the results table is
// built by the page's script from the JSON embedded in the page.
#include <algorithm>
#include <map>

#include "core/json.hpp"
#include "core/utf8.hpp"
#include "eval/reports/escape.hpp"
#include "eval/reports/formats.hpp"
#include "eval/reports/html_assets.hpp"
#include "eval/reports/jsonl_writer.hpp"

namespace genops::eval::reports {

namespace {

constexpr std::size_t k_max_embedded_text = 4000;  // bytes of output/expected per result in the page
constexpr int k_bins = 10;

std::string h(std::string_view text) { return html_escape(text); }

std::string percent(double share) { return fixed(share * 100, 1) + "%"; }

std::string verdict_class(const gate::GateCheck& c) { return c.skipped ? "skip" : c.pass ? "pass" : "fail"; }

void header(std::string& out, const Report& r) {
  out += "<header><h1><span class=\"" + std::string(r.verdict.pass ? "pass" : "fail") + "\">" +
         (r.verdict.pass ? "✅ gate passed" : "❌ gate failed") + "</span> · genops eval " + h(r.run.suite_name) +
         "</h1>\n<p class=\"muted\">";
  std::vector<std::pair<const char*, std::string>> facts = {
      {"run", r.run.run_id},       {"eval", r.run.eval_path.generic_string()}, {"target", r.run.target},
      {"started", r.run.started},  {"ended", r.run.ended},                      {"commit", r.run.git_commit},
      {"label", r.run.label},      {"baseline", r.run.baseline}};
  bool first = true;
  for (const auto& [name, value] : facts) {
    if (value.empty()) continue;
    out += (first ? "" : " · ") + std::string(name) + " " + h(value);
    first = false;
  }
  out += "</p></header>\n";
}

void summary(std::string& out, const stats::Summary& s) {
  out += "<section id=\"summary\"><h2>Summary</h2><table><tr><th>provider</th><th>results</th><th>passed</th>"
         "<th>pass rate (Wilson 95% CI)</th><th>errors</th><th>cost $</th><th>tokens in/out</th>"
         "<th>latency p50/p95 ms</th></tr>\n";
  auto row = [&](const std::string& name, std::int64_t results, std::int64_t passes, double rate,
                 const stats::Interval& ci, std::int64_t errors, const stats::Usage& u) {
    out += "<tr><td>" + name + "</td><td class=\"num\">" + std::to_string(results) + "</td><td class=\"num\">" +
           std::to_string(passes) + "</td><td class=\"num\">" + percent(rate) + " (" + percent(ci.low) + "–" +
           percent(ci.high) + ")</td><td class=\"num\">" + std::to_string(errors) + "</td><td class=\"num\">" +
           fixed(u.cost_usd, 4) + "</td><td class=\"num\">" + std::to_string(u.input_tokens) + "/" +
           std::to_string(u.output_tokens) + "</td><td class=\"num\">" + fixed(u.latency_p50_ms, 0) + "/" +
           fixed(u.latency_p95_ms, 0) + "</td></tr>\n";
  };
  for (const stats::ProviderStats& p : s.providers)
    if (s.providers.size() > 1 || !p.provider.empty())
      row(h(p.provider), p.results, p.passes, p.pass_rate, p.pass_rate_ci, p.errors, p.usage);
  row("<b>all</b>", s.results, s.passes, s.pass_rate, s.pass_rate_ci, s.errors, s.usage);
  out += "</table><p>" + std::to_string(s.cases) + " cases, " + std::to_string(s.cases_all_passed) +
         " passing every repeat; k = " + std::to_string(s.k) + ": mean pass@k " + fixed(s.mean_pass_at_k) +
         ", mean pass^k " + fixed(s.mean_pass_hat_k) + ".</p></section>\n";
}

void gate_section(std::string& out, const gate::GateVerdict& v) {
  if (v.checks.empty()) return;
  out += "<section id=\"gate\"><h2>Gate</h2><table><tr><th>check</th><th>result</th><th>message</th></tr>\n";
  for (const gate::GateCheck& c : v.checks) {
    out += "<tr><td>" + h(c.name) + "</td><td class=\"" + verdict_class(c) + "\">" +
           (c.skipped ? "skipped" : c.pass ? "pass" : "fail") + "</td><td>" + h(c.message) + "</td></tr>\n";
  }
  out += "</table></section>\n";
}

// A 10-bin histogram of `values` as inline SVG: [0, 1] when every value lies
// there (scores), else [min, max] (latency, cost, tokens).
std::string histogram(const std::vector<double>& values) {
  double low = 0, high = 1;
  const auto [min_it, max_it] = std::minmax_element(values.begin(), values.end());
  if (*min_it < 0 || *max_it > 1) {
    low = *min_it;
    high = *max_it > *min_it ? *max_it : *min_it + 1;
  }
  int counts[k_bins] = {};
  for (double v : values) {
    const int bin = std::clamp(static_cast<int>((v - low) / (high - low) * k_bins), 0, k_bins - 1);
    ++counts[bin];
  }
  const int tallest = *std::max_element(counts, counts + k_bins);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"220\" height=\"74\" role=\"img\">";
  for (int i = 0; i < k_bins; ++i) {
    const double height = tallest > 0 ? 50.0 * counts[i] / tallest : 0;
    svg += "<rect class=\"bar\" x=\"" + std::to_string(10 + i * 20) + "\" y=\"" + fixed(58 - height, 1) +
           "\" width=\"18\" height=\"" + fixed(height, 1) + "\"><title>" + std::to_string(counts[i]) + "</title></rect>";
  }
  svg += "<text x=\"10\" y=\"71\">" + fixed(low, 2) + "</text><text x=\"210\" y=\"71\" text-anchor=\"end\">" +
         fixed(high, 2) + "</text></svg>";
  return svg;
}

void metrics_section(std::string& out, const Report& r) {
  if (r.summary.metrics.empty()) return;
  std::map<std::string, std::vector<double>> values;
  for (const CaseResult& res : r.results)
    for (const AssertionResult& a : res.assertions)
      if (a.score) values[a.metric].push_back(*a.score);
  out += "<section id=\"metrics\"><h2>Metrics</h2>\n";
  for (const stats::MetricStats& m : r.summary.metrics) {
    out += "<div class=\"metric\"><b>" + h(m.name) + "</b> mean " + fixed(m.mean) + " <span class=\"muted\">(95% CI " +
           fixed(m.mean_ci.low) + "–" + fixed(m.mean_ci.high) + ", n = " + std::to_string(m.count) + ")</span><br>";
    if (const auto it = values.find(m.name); it != values.end() && !it->second.empty()) out += histogram(it->second);
    out += "</div>\n";
  }
  out += "</section>\n";
}

void comparison_section(std::string& out, const Report& r) {
  if (!r.comparison) return;
  const gate::Comparison& c = *r.comparison;
  out += "<section id=\"comparison\"><h2>Compared with the baseline</h2><p>Pass rate " + percent(c.baseline_pass_rate) +
         " → " + percent(c.current_pass_rate) + " over " + std::to_string(c.joined) + " shared cases; " +
         std::to_string(c.new_failures) + " new failures, " + std::to_string(c.fixed) +
         " fixed (exact McNemar p = " + fixed(c.p_value) + ").</p>\n<table><tr><th>case</th><th>provider</th>"
         "<th>change</th><th>pass rate</th><th>score</th><th>why</th></tr>\n";
  int shown = 0;
  for (const gate::CaseChange& x : c.cases) {
    if (x.change == gate::Change::still_passing && x.current_score >= x.baseline_score) continue;
    if (++shown > 100) break;
    out += "<tr><td>" + h(case_label(x.case_key, x.name)) + "</td><td>" + h(x.provider) + "</td><td>" +
           gate::change_name(x.change) + "</td><td class=\"num\">" + percent(x.baseline_pass_rate) + " → " +
           percent(x.current_pass_rate) + "</td><td class=\"num\">" + fixed(x.baseline_score) + " → " +
           fixed(x.current_score) + "</td><td>";
    for (const std::string& reason : x.reasons) out += h(reason) + "<br>";
    out += "</td></tr>\n";
  }
  out += "</table></section>\n";
}

std::string embedded_data(const Report& r) {
  nlohmann::json results = nlohmann::json::array();
  for (const CaseResult& res : r.results) {
    nlohmann::json j = result_to_json(res);
    j["output"] = truncate_text(core::utf8::repair(res.output), k_max_embedded_text);
    if (res.expected) j["expected"] = truncate_text(core::utf8::repair(*res.expected), k_max_embedded_text);
    results.push_back(std::move(j));
  }
  return script_safe_json(core::dump_json(nlohmann::json{{"results", std::move(results)}}));
}

}  // namespace

std::string render_html(const Report& report) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
                    "<title>genops eval " + h(report.run.suite_name) + "</title>\n<style>";
  out += k_html_css;
  out += "</style></head>\n<body data-rendered=\"0\">\n";
  header(out, report);
  summary(out, report.summary);
  gate_section(out, report.verdict);
  metrics_section(out, report);
  comparison_section(out, report);
  if (report.skew)
    out += "<section id=\"skew\"><h2>Skew</h2><pre>" + h(core::dump_json(*report.skew, 2)) + "</pre></section>\n";
  out += "<section id=\"cases\"><h2>Results</h2><div id=\"controls\"><input type=\"search\" id=\"filter\" "
         "placeholder=\"filter by case, provider or reason\"> <label><input type=\"checkbox\" id=\"failing-only\"> "
         "failing only</label> <span class=\"muted\">click a row for its vars, output and assertions; click a header "
         "to sort</span></div>\n<table id=\"results\"><thead><tr></tr></thead><tbody></tbody></table>\n"
         "<noscript>The results table needs JavaScript; the JSON report holds the same data.</noscript></section>\n";
  out += "<script type=\"application/json\" id=\"genops-data\">" + embedded_data(report) + "</script>\n<script>";
  out += k_html_js;
  out += "</script>\n</body></html>\n";
  return out;
}

}  // namespace genops::eval::reports
