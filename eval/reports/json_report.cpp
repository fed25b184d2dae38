#include <cstdio>

#include "core/json.hpp"
#include "core/format.hpp"
#include "eval/reports/formats.hpp"
#include "eval/reports/jsonl_writer.hpp"
#include "eval/stats/reasons.hpp"

namespace genops::eval::reports {

using nlohmann::json;

namespace {

json interval(const stats::Interval& ci) { return json::array({ci.low, ci.high}); }

template <typename T>
json optional_value(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json usage_to_json(const stats::Usage& u) {
  return {{"cost_usd", u.cost_usd},         {"input_tokens", u.input_tokens},
          {"output_tokens", u.output_tokens}, {"cached", u.cached},
          {"latency_p50_ms", u.latency_p50_ms}, {"latency_p95_ms", u.latency_p95_ms}};
}

}  // namespace

std::string fixed(double value, int digits) { return core::format_fixed(value, digits); }

std::string case_label(const std::string& case_key, const std::string& name) {
  return name.empty() || name == case_key ? case_key : name + " (" + case_key + ")";
}

json result_to_json(const CaseResult& r) {
  json assertions = json::array();
  for (const AssertionResult& a : r.assertions) {
    assertions.push_back({{"type", a.type},
                          {"metric", a.metric},
                          {"pass", a.pass},
                          {"score", optional_value(a.score)},
                          {"threshold", optional_value(a.threshold)},
                          {"weight", a.weight},
                          {"reason", a.reason},
                          {"error", a.error}});
  }
  return {{"case_key", r.case_key},
          {"case_index", r.case_index},
          {"description", r.description},
          {"name", stats::case_name(r)},
          {"provider", r.provider},
          {"repeat", r.repeat},
          {"vars", r.vars},
          {"expected", optional_value(r.expected)},
          {"output", r.output},
          {"run_id", r.run_id},
          {"pass", r.pass},
          {"score", r.score},
          {"error", r.error},
          {"latency_ms", r.latency_ms},
          {"input_tokens", r.input_tokens},
          {"output_tokens", r.output_tokens},
          {"cost_usd", r.cost_usd},
          {"cached", r.cached},
          {"reasons", stats::failure_reasons(r)},
          {"assertions", std::move(assertions)}};
}

json run_to_json(const RunInfo& run) {
  json batch = nullptr;
  if (run.batch)
    batch = {{"batches", run.batch->batches}, {"answered", run.batch->answered}, {"cost_usd", run.batch->cost_usd},
             {"saved_usd", run.batch->saved_usd}};
  return {{"run_id", run.run_id},     {"suite", run.suite_name},   {"eval_path", run.eval_path.generic_string()},
          {"target", run.target},     {"providers", run.providers}, {"started", run.started},
          {"ended", run.ended},       {"git_commit", run.git_commit}, {"label", run.label},
          {"baseline", run.baseline}, {"batch", batch}};
}

json summary_to_json(const stats::Summary& s) {
  json cases = json::array();
  for (const stats::CaseStats& c : s.case_stats) {
    cases.push_back({{"case_key", c.case_key}, {"provider", c.provider}, {"description", c.description},
                     {"case_index", c.case_index}, {"runs", c.runs}, {"passes", c.passes}, {"errors", c.errors},
                     {"pass_rate", c.pass_rate}, {"pass_at_k", c.pass_at_k}, {"pass_hat_k", c.pass_hat_k},
                     {"mean_score", c.mean_score}});
  }
  json metrics = json::array();
  for (const stats::MetricStats& m : s.metrics) {
    metrics.push_back({{"name", m.name}, {"count", m.count}, {"passes", m.passes}, {"mean", m.mean},
                       {"mean_ci95", interval(m.mean_ci)}, {"min", m.min}, {"max", m.max}});
  }
  json providers = json::array();
  for (const stats::ProviderStats& p : s.providers) {
    providers.push_back({{"provider", p.provider}, {"results", p.results}, {"passes", p.passes},
                         {"errors", p.errors}, {"pass_rate", p.pass_rate}, {"pass_rate_ci95", interval(p.pass_rate_ci)},
                         {"usage", usage_to_json(p.usage)}});
  }
  return {{"results", s.results},
          {"passes", s.passes},
          {"errors", s.errors},
          {"k", s.k},
          {"pass_rate", s.pass_rate},
          {"pass_rate_ci95", interval(s.pass_rate_ci)},
          {"pass_rate_ci_method", "wilson"},
          {"cases", s.cases},
          {"cases_all_passed", s.cases_all_passed},
          {"mean_pass_at_k", s.mean_pass_at_k},
          {"mean_pass_hat_k", s.mean_pass_hat_k},
          {"metric_ci_method", "percentile bootstrap, 1000 resamples, fixed seed"},
          {"usage", usage_to_json(s.usage)},
          {"metrics", std::move(metrics)},
          {"providers", std::move(providers)},
          {"case_stats", std::move(cases)}};
}

json verdict_to_json(const gate::GateVerdict& v) {
  json checks = json::array();
  for (const gate::GateCheck& c : v.checks) {
    checks.push_back({{"name", c.name}, {"pass", c.pass}, {"skipped", c.skipped}, {"actual", c.actual},
                      {"limit", c.limit}, {"message", c.message}});
  }
  json out = {{"pass", v.pass}, {"checks", std::move(checks)}};
  if (!v.gated) out["gated"] = false;  // one shard of a run
  return out;
}

json comparison_to_json(const gate::Comparison& c) {
  json cases = json::array();
  for (const gate::CaseChange& x : c.cases) {
    cases.push_back({{"case_key", x.case_key}, {"provider", x.provider}, {"description", x.description},
                     {"case_index", x.case_index}, {"change", gate::change_name(x.change)},
                     {"baseline_pass_rate", x.baseline_pass_rate}, {"current_pass_rate", x.current_pass_rate},
                     {"baseline_score", x.baseline_score}, {"current_score", x.current_score},
                     {"reasons", x.reasons}});
  }
  json metrics = json::array();
  for (const gate::MetricDelta& m : c.metrics) {
    metrics.push_back({{"name", m.name}, {"pairs", m.pairs}, {"baseline_mean", m.baseline_mean},
                       {"current_mean", m.current_mean}, {"delta", m.delta}, {"p_value", m.p_value},
                       {"test", "wilcoxon signed-rank"}});
  }
  return {{"joined", c.joined},
          {"only_current", c.only_current},
          {"only_baseline", c.only_baseline},
          {"baseline_pass_rate", c.baseline_pass_rate},
          {"current_pass_rate", c.current_pass_rate},
          {"pass_rate_delta", c.pass_rate_delta},
          {"new_failures", c.new_failures},
          {"fixed", c.fixed},
          {"p_value", c.p_value},
          {"test", "exact McNemar"},
          {"metrics", std::move(metrics)},
          {"cases", std::move(cases)}};
}

json report_to_json(const Report& report) {
  json results = json::array();
  for (const CaseResult& r : report.results) results.push_back(result_to_json(r));
  return {{"version", 1},
          {"run", run_to_json(report.run)},
          {"summary", summary_to_json(report.summary)},
          {"gate", verdict_to_json(report.verdict)},
          {"comparison", report.comparison ? comparison_to_json(*report.comparison) : json(nullptr)},
          {"skew", report.skew ? *report.skew : json(nullptr)},
          {"results", std::move(results)}};
}

std::string render_json(const Report& report) { return core::dump_json(report_to_json(report), 2) + "\n"; }

std::string render_jsonl(const Report& report) {
  std::string out;
  for (const CaseResult& r : report.results) out += core::dump_json(result_to_json(r)) + "\n";
  return out;
}

}  // namespace genops::eval::reports
