#include "eval/stats/summary.hpp"

#include "eval/stats/reasons.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

namespace genops::eval::stats {

namespace {

struct CaseAccumulator {
  CaseStats stats;
  double score_sum = 0;
};

struct MetricAccumulator {
  std::vector<double> values;
  std::int64_t passes = 0;
};

Usage usage_of(std::span<const CaseResult* const> results) {
  Usage usage;
  std::vector<double> latencies;
  latencies.reserve(results.size());
  for (const CaseResult* r : results) {
    usage.cost_usd += r->cost_usd;
    usage.input_tokens += r->input_tokens;
    usage.output_tokens += r->output_tokens;
    if (r->cached) ++usage.cached;
    latencies.push_back(static_cast<double>(r->latency_ms));
  }
  usage.latency_p50_ms = percentile(latencies, 0.50);
  usage.latency_p95_ms = percentile(latencies, 0.95);
  return usage;
}

double share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

std::vector<CaseStats> case_stats_of(std::span<const CaseResult> results, std::int64_t& k) {
  std::map<std::pair<std::string, std::string>, CaseAccumulator> by_case;
  for (const CaseResult& r : results) {
    auto& acc = by_case[{r.provider, r.case_key}];
    if (acc.stats.runs == 0) {
      acc.stats.case_key = r.case_key;
      acc.stats.provider = r.provider;
      acc.stats.description = r.description;
      acc.stats.name = case_name(r);
      acc.stats.case_index = r.case_index;
    }
    ++acc.stats.runs;
    if (r.pass) ++acc.stats.passes;
    if (!r.error.empty()) ++acc.stats.errors;
    acc.score_sum += r.score;
  }
  k = 1;
  for (const auto& [key, acc] : by_case) k = std::max(k, acc.stats.runs);
  std::vector<CaseStats> cases;
  cases.reserve(by_case.size());
  for (auto& [key, acc] : by_case) {
    CaseStats s = std::move(acc.stats);
    s.pass_rate = share(s.passes, s.runs);
    s.pass_at_k = pass_at_k(s.runs, s.passes, k);
    s.pass_hat_k = pass_hat_k(s.runs, s.passes, k);
    s.mean_score = acc.score_sum / static_cast<double>(s.runs);
    cases.push_back(std::move(s));
  }
  std::sort(cases.begin(), cases.end(), [](const CaseStats& a, const CaseStats& b) {
    return std::tie(a.provider, a.case_index, a.case_key) < std::tie(b.provider, b.case_index, b.case_key);
  });
  return cases;
}

std::vector<MetricStats> metric_stats_of(std::span<const CaseResult> results) {
  std::map<std::string, MetricAccumulator> by_metric;
  for (const CaseResult& r : results) {
    for (const AssertionResult& a : r.assertions) {
      if (!a.score) continue;
      auto& acc = by_metric[a.metric];
      acc.values.push_back(*a.score);
      if (a.pass) ++acc.passes;
    }
  }
  std::vector<MetricStats> metrics;
  metrics.reserve(by_metric.size());
  for (const auto& [name, acc] : by_metric) {
    MetricStats m;
    m.name = name;
    m.count = static_cast<std::int64_t>(acc.values.size());
    m.passes = acc.passes;
    double sum = 0;
    for (double v : acc.values) sum += v;
    m.mean = sum / static_cast<double>(acc.values.size());
    m.mean_ci = bootstrap_mean_interval(acc.values);
    const auto [low, high] = std::minmax_element(acc.values.begin(), acc.values.end());
    m.min = *low;
    m.max = *high;
    metrics.push_back(std::move(m));
  }
  return metrics;
}

std::vector<ProviderStats> provider_stats_of(std::span<const CaseResult> results) {
  std::map<std::string, std::vector<const CaseResult*>> by_provider;
  for (const CaseResult& r : results) by_provider[r.provider].push_back(&r);
  std::vector<ProviderStats> providers;
  for (const auto& [name, list] : by_provider) {
    ProviderStats p;
    p.provider = name;
    p.results = static_cast<std::int64_t>(list.size());
    for (const CaseResult* r : list) {
      if (r->pass) ++p.passes;
      if (!r->error.empty()) ++p.errors;
    }
    p.pass_rate = share(p.passes, p.results);
    p.pass_rate_ci = wilson_interval(p.passes, p.results);
    p.usage = usage_of(list);
    providers.push_back(std::move(p));
  }
  return providers;
}

}  // namespace

Summary summarize(std::span<const CaseResult> results) {
  Summary s;
  s.results = static_cast<std::int64_t>(results.size());
  std::vector<const CaseResult*> all;
  all.reserve(results.size());
  for (const CaseResult& r : results) {
    if (r.pass) ++s.passes;
    if (!r.error.empty()) ++s.errors;
    all.push_back(&r);
  }
  s.pass_rate = share(s.passes, s.results);
  s.pass_rate_ci = wilson_interval(s.passes, s.results);
  s.case_stats = case_stats_of(results, s.k);
  s.cases = static_cast<std::int64_t>(s.case_stats.size());
  double at_k = 0, hat_k = 0;
  for (const CaseStats& c : s.case_stats) {
    if (c.passes == c.runs) ++s.cases_all_passed;
    at_k += c.pass_at_k;
    hat_k += c.pass_hat_k;
  }
  if (s.cases > 0) {
    s.mean_pass_at_k = at_k / static_cast<double>(s.cases);
    s.mean_pass_hat_k = hat_k / static_cast<double>(s.cases);
  }
  s.metrics = metric_stats_of(results);
  s.providers = provider_stats_of(results);
  s.usage = usage_of(all);
  return s;
}

}  // namespace genops::eval::stats
