// The table `genops eval` prints when it finishes: failing cases (capped),
// the summary per provider, metrics, the baseline comparison and the gate.
#include <algorithm>
#include <map>

#include "core/strings.hpp"
#include "eval/reports/escape.hpp"
#include "eval/reports/formats.hpp"
#include "eval/stats/reasons.hpp"

namespace genops::eval::reports {

namespace {

constexpr std::size_t k_max_failures = 10;

struct Paint {
  bool on = false;
  std::string operator()(std::string_view text, const char* code) const {
    return on ? "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m" : std::string(text);
  }
  std::string red(std::string_view t) const { return (*this)(t, "31"); }
  std::string green(std::string_view t) const { return (*this)(t, "32"); }
  std::string yellow(std::string_view t) const { return (*this)(t, "33"); }
  std::string bold(std::string_view t) const { return (*this)(t, "1"); }
};

std::string pad(std::string text, std::size_t width) {
  // Widths count bytes; the cells padded here are ASCII or short names.
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string percent(double share) { return fixed(share * 100, 1) + "%"; }

void failing_cases(std::string& out, const Report& r, const Paint& paint) {
  // case_stats holds every case, or only the first failing ones (a streamed summary).
  const auto failing = static_cast<std::size_t>(r.summary.cases - r.summary.cases_all_passed);
  std::size_t shown = 0;
  for (const stats::CaseStats& c : r.summary.case_stats) {
    if (c.passes == c.runs) continue;
    if (++shown > k_max_failures) break;
    // The name is cut, never the key: the key is what --filter and the reports join on.
    const bool named = !c.name.empty() && c.name != c.case_key;
    out += paint.red("FAIL") + "  " +
           (named ? terminal_text(c.name, 60) + " (" + terminal_text(c.case_key, 40) + ")" : terminal_text(c.case_key, 60));
    if (!c.provider.empty()) out += " [" + terminal_text(c.provider, 30) + "]";
    if (c.runs > 1) out += " " + std::to_string(c.passes) + "/" + std::to_string(c.runs) + " passed";
    out += ": " + terminal_text(c.first_reason, 160) + "\n";
  }
  if (failing > k_max_failures)
    out += "      ... and " + std::to_string(failing - k_max_failures) + " more failing cases (see --output report.html)\n";
  if (failing > 0) out += "\n";
}

void summary_table(std::string& out, const stats::Summary& s) {
  const std::string k = std::to_string(s.k);
  out += pad("provider", 16) + pad("results", 9) + pad("pass rate (95% CI)", 24) + pad("pass@" + k, 9) +
         pad("pass^" + k, 9) + pad("cost $", 10) + pad("tokens in/out", 16) + "latency p50/p95\n";
  auto row = [&](const std::string& name, std::int64_t results, double rate, const stats::Interval& ci, double at_k,
                 double hat_k, const stats::Usage& u) {
    out += pad(name, 16) + pad(std::to_string(results), 9) +
           pad(percent(rate) + " (" + percent(ci.low) + "-" + percent(ci.high) + ")", 24) + pad(fixed(at_k), 9) +
           pad(fixed(hat_k), 9) + pad(fixed(u.cost_usd, 4), 10) +
           pad(std::to_string(u.input_tokens) + "/" + std::to_string(u.output_tokens), 16) +
           fixed(u.latency_p50_ms, 0) + "/" + fixed(u.latency_p95_ms, 0) + " ms\n";
  };
  if (s.providers.size() > 1 || (s.providers.size() == 1 && !s.providers[0].provider.empty())) {
    for (const stats::ProviderStats& p : s.providers) {
      row(terminal_text(p.provider, 15), p.results, p.pass_rate, p.pass_rate_ci, p.mean_pass_at_k, p.mean_pass_hat_k,
          p.usage);
    }
  }
  row("all", s.results, s.pass_rate, s.pass_rate_ci, s.mean_pass_at_k, s.mean_pass_hat_k, s.usage);
  if (s.errors > 0) out += std::to_string(s.errors) + " results failed on their target\n";
  for (const stats::MetricStats& m : s.metrics) {
    out += "metric " + terminal_text(m.name, 40) + ": mean " + fixed(m.mean) + " (95% CI " + fixed(m.mean_ci.low) + "-" +
           fixed(m.mean_ci.high) + ", n = " + std::to_string(m.count) + ")\n";
  }
}

void comparison_lines(std::string& out, const Report& r) {
  if (!r.comparison) return;
  const gate::Comparison& c = *r.comparison;
  out += "vs baseline " + terminal_text(r.run.baseline, 40) + ": pass rate " + percent(c.baseline_pass_rate) + " -> " +
         percent(c.current_pass_rate) + ", " + std::to_string(c.new_failures) + " new failures, " +
         std::to_string(c.fixed) + " fixed (McNemar p = " + fixed(c.p_value) + ")\n";
}

}  // namespace

std::string render_terminal(const Report& report, Colour colour) {
  const Paint paint{colour == Colour::yes};
  std::string out;
  failing_cases(out, report, paint);
  summary_table(out, report.summary);
  comparison_lines(out, report);
  if (!report.verdict.checks.empty()) out += "gate:\n";
  for (const gate::GateCheck& c : report.verdict.checks) {
    const std::string mark = c.skipped ? paint.yellow("skip") : c.pass ? paint.green("pass") : paint.red("FAIL");
    out += "  " + mark + "  " + terminal_text(c.name, 60) + ": " + terminal_text(c.message, 400) + "\n";
  }
  out += !report.verdict.gated  ? paint.bold(paint.yellow("NOT GATED"))
         : report.verdict.pass ? paint.bold(paint.green("PASSED"))
                               : paint.bold(paint.red("FAILED"));
  out += " " + terminal_text(report.run.suite_name, 60) + ": " + std::to_string(report.summary.passes) + "/" +
         std::to_string(report.summary.results) + " results passed";
  if (!report.run.run_id.empty()) out += " (run " + terminal_text(report.run.run_id, 40) + ")";
  return out + "\n";
}

}  // namespace genops::eval::reports
