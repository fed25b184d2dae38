#include "eval/gate/gate.hpp"
#include "core/format.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace genops::eval::gate {

namespace {

// Bounds compare with this slack so 0.95 written in YAML equals 19/20 computed.
constexpr double k_slack = 1e-12;

std::string num(double value, int digits = 3) { return core::format_fixed(value, digits); }

std::string p_text(double p) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, p < 0.01 ? "%.2g" : "%.3f", p);
  return buffer;
}

GateCheck check_pass_rate(double minimum, const stats::Summary& summary) {
  GateCheck c{"pass_rate", true, false, summary.pass_rate, minimum, ""};
  const std::string counts = " (" + std::to_string(summary.passes) + " of " + std::to_string(summary.results) +
                             " results, 95% CI " + num(summary.pass_rate_ci.low) + "-" +
                             num(summary.pass_rate_ci.high) + ")";
  c.pass = summary.results > 0 && summary.pass_rate >= minimum - k_slack;
  if (summary.results == 0) c.message = "no results to compute a pass rate from";
  else if (c.pass) c.message = "pass rate " + num(summary.pass_rate) + " is at least " + num(minimum) + counts;
  else c.message = "pass rate " + num(summary.pass_rate) + " is " + num(minimum - summary.pass_rate) + " below " +
                   num(minimum) + counts;
  return c;
}

// One bound of one metric; `upper` says whether `limit` is mean_max.
GateCheck check_metric_bound(const std::string& name, const stats::MetricStats* metric, double limit, bool upper) {
  const char* bound = upper ? "mean_max" : "mean_min";
  GateCheck c{"metrics." + name + "." + bound, false, false, 0, limit, ""};
  if (metric == nullptr) {
    c.message = name + ": no result scored this metric (" + bound + " " + num(limit) + ")";
    return c;
  }
  c.actual = metric->mean;
  const double excess = upper ? metric->mean - limit : limit - metric->mean;
  c.pass = excess <= k_slack;
  const std::string detail = " (95% CI " + num(metric->mean_ci.low) + "-" + num(metric->mean_ci.high) + ", " +
                             std::to_string(metric->count) + " scores)";
  if (c.pass) c.message = name + " mean " + num(metric->mean) + " is within " + bound + " " + num(limit) + detail;
  else c.message = name + " mean " + num(metric->mean) + " is " + num(excess) + (upper ? " above " : " below ") +
                   bound + " " + num(limit) + detail;
  return c;
}

GateCheck check_baseline(const BaselineGate& gate, const Comparison* comparison) {
  GateCheck c{"baseline", true, false, 0, gate.max_drop, ""};
  const std::string which = gate.run.empty() ? "labelled " + gate.label : gate.run;
  if (comparison == nullptr || comparison->joined == 0) {
    c.skipped = true;
    c.message = comparison == nullptr ? "skipped: no baseline run " + which + " to compare with"
                                      : "skipped: baseline run " + which + " shares no case with this run";
    return c;
  }
  const Comparison& cmp = *comparison;
  const double drop = cmp.baseline_pass_rate - cmp.current_pass_rate;
  c.actual = drop;
  const std::string rates = num(cmp.baseline_pass_rate) + " -> " + num(cmp.current_pass_rate);
  const std::string pairs = std::to_string(cmp.new_failures) + " new failures, " + std::to_string(cmp.fixed) +
                            " fixed, McNemar p = " + p_text(cmp.p_value);
  const bool too_large = drop > gate.max_drop + k_slack;
  const bool significant = cmp.p_value < gate.alpha;
  c.pass = !(too_large && significant);
  if (!too_large) {
    c.message = "pass rate " + rates + " vs baseline " + which + " is within max_drop " + num(gate.max_drop) + " (" +
                pairs + ")";
  } else if (significant) {
    c.message = "pass rate dropped " + num(drop) + " (" + rates + ") vs baseline " + which + ", " +
                num(drop - gate.max_drop) + " more than max_drop " + num(gate.max_drop) + " and significant (" +
                pairs + " < alpha " + num(gate.alpha, 2) + ")";
  } else {
    c.message = "pass rate dropped " + num(drop) + " (" + rates + ") vs baseline " + which + ", more than max_drop " +
                num(gate.max_drop) + " but not significant (" + pairs + " >= alpha " + num(gate.alpha, 2) + ")";
  }
  return c;
}

}  // namespace

GateVerdict check_gate(const Gate& gate, const stats::Summary& summary, const Comparison* comparison,
                       const SkewCheck* skew) {
  GateVerdict verdict;
  if (gate.pass_rate) verdict.checks.push_back(check_pass_rate(*gate.pass_rate, summary));
  for (const auto& [name, bounds] : gate.metrics) {
    const stats::MetricStats* metric = nullptr;
    for (const stats::MetricStats& m : summary.metrics)
      if (m.name == name) metric = &m;
    if (bounds.mean_min) verdict.checks.push_back(check_metric_bound(name, metric, *bounds.mean_min, false));
    if (bounds.mean_max) verdict.checks.push_back(check_metric_bound(name, metric, *bounds.mean_max, true));
  }
  if (gate.baseline) verdict.checks.push_back(check_baseline(*gate.baseline, comparison));
  if (skew != nullptr) {
    verdict.checks.push_back({"skew", skew->pass || skew->skipped, skew->skipped, 0, 0, skew->message});
  } else if (gate.skew) {
    verdict.checks.push_back({"skew", true, true, 0, 0, "skipped: no skew verdict was computed"});
  }
  for (const GateCheck& c : verdict.checks) verdict.pass = verdict.pass && c.pass;
  return verdict;
}

}  // namespace genops::eval::gate
