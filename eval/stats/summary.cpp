#include "eval/stats/summary.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "eval/stats/reasons.hpp"
#include "eval/stats/streaming.hpp"

namespace genops::eval::stats {

namespace {

double share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

// Usage totals and latency counts of a set of results, fed one at a time.
struct UsageAccumulator {
  Usage usage;
  IntHistogram latency;
  void add(const CaseResult& r) {
    usage.cost_usd += r.cost_usd;
    usage.input_tokens += r.input_tokens;
    usage.output_tokens += r.output_tokens;
    if (r.cached) ++usage.cached;
    latency.add(r.latency_ms);
  }
  Usage finish() const {
    Usage u = usage;
    u.latency_p50_ms = latency.percentile(0.50);
    u.latency_p95_ms = latency.percentile(0.95);
    return u;
  }
};

struct ProviderAccumulator {
  ProviderStats stats;
  UsageAccumulator usage;
  std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> shapes;  // (runs, passes) -> cases
  std::vector<CaseStats> failing;  // CaseDetail::failing: the first ones, in arrival order
};

struct MetricAccumulator {
  MeanReservoir values;
  std::int64_t passes = 0;
};

struct OpenCase {
  CaseStats stats;
  double score_sum = 0;
};

bool case_order(const CaseStats& a, const CaseStats& b) {
  return std::tie(a.provider, a.case_index, a.case_key) < std::tie(b.provider, b.case_index, b.case_key);
}

}  // namespace

struct SummaryBuilder::State {
  CaseDetail detail = CaseDetail::all;
  std::size_t failing_kept = 10;
  Summary summary;
  UsageAccumulator usage;
  std::map<std::string, ProviderAccumulator> providers;
  std::map<std::string, MetricAccumulator> metrics;
  std::optional<OpenCase> open;
  std::vector<CaseStats> cases;  // CaseDetail::all

  bool may_keep(const std::string& provider) {
    return detail == CaseDetail::all || providers[provider].failing.size() < failing_kept;
  }

  void close_case() {
    if (!open) return;
    CaseStats c = std::move(open->stats);
    c.pass_rate = share(c.passes, c.runs);
    c.mean_score = open->score_sum / static_cast<double>(c.runs);
    open.reset();
    auto& p = providers[c.provider];
    ++p.shapes[{c.runs, c.passes}];
    summary.k = std::max(summary.k, c.runs);
    if (detail == CaseDetail::all) {
      cases.push_back(std::move(c));
    } else if (c.passes != c.runs && p.failing.size() < failing_kept) {
      p.failing.push_back(std::move(c));
    }
  }

  void add_to_case(const CaseResult& r) {
    if (open && (open->stats.provider != r.provider || open->stats.case_key != r.case_key)) close_case();
    if (!open) {
      open.emplace();
      open->stats.case_key = r.case_key;
      open->stats.provider = r.provider;
      open->stats.description = r.description;
      open->stats.name = case_name(r);
      open->stats.case_index = r.case_index;
    }
    CaseStats& c = open->stats;
    ++c.runs;
    if (r.pass) ++c.passes;
    if (!r.error.empty()) ++c.errors;
    open->score_sum += r.score;
    if (!r.pass && c.first_reason.empty() && may_keep(r.provider)) {
      const auto reasons = failure_reasons(r);
      if (!reasons.empty()) c.first_reason = reasons.front();
    }
  }

  void add(const CaseResult& r) {
    ++summary.results;
    if (r.pass) ++summary.passes;
    if (!r.error.empty()) ++summary.errors;
    usage.add(r);
    auto& p = providers[r.provider];
    ++p.stats.results;
    if (r.pass) ++p.stats.passes;
    if (!r.error.empty()) ++p.stats.errors;
    p.usage.add(r);
    for (const AssertionResult& a : r.assertions) {
      if (!a.score) continue;
      auto& m = metrics[a.metric];
      m.values.add(*a.score);
      if (a.pass) ++m.passes;
    }
    add_to_case(r);
  }

  void finish_providers(std::vector<CaseStats>& kept) {
    double at_k = 0, hat_k = 0;
    for (auto& [name, acc] : providers) {
      ProviderStats p = std::move(acc.stats);
      p.provider = name;
      p.pass_rate = share(p.passes, p.results);
      p.pass_rate_ci = wilson_interval(p.passes, p.results);
      p.usage = acc.usage.finish();
      double p_at_k = 0, p_hat_k = 0;
      for (const auto& [shape, count] : acc.shapes) {
        const auto [runs, passes] = shape;
        p.cases += count;
        if (passes == runs) p.cases_all_passed += count;
        p_at_k += pass_at_k(runs, passes, summary.k) * static_cast<double>(count);
        p_hat_k += pass_hat_k(runs, passes, summary.k) * static_cast<double>(count);
      }
      if (p.cases > 0) {
        p.mean_pass_at_k = p_at_k / static_cast<double>(p.cases);
        p.mean_pass_hat_k = p_hat_k / static_cast<double>(p.cases);
      }
      summary.cases += p.cases;
      summary.cases_all_passed += p.cases_all_passed;
      at_k += p_at_k;
      hat_k += p_hat_k;
      for (auto& c : acc.failing) kept.push_back(std::move(c));
      summary.providers.push_back(std::move(p));
    }
    if (summary.cases > 0) {
      summary.mean_pass_at_k = at_k / static_cast<double>(summary.cases);
      summary.mean_pass_hat_k = hat_k / static_cast<double>(summary.cases);
    }
  }

  void finish_metrics() {
    for (const auto& [name, acc] : metrics) {
      MetricStats m;
      m.name = name;
      m.count = acc.values.count();
      m.passes = acc.passes;
      m.mean = acc.values.mean();
      m.mean_ci = acc.values.mean_interval();
      m.min = acc.values.min();
      m.max = acc.values.max();
      summary.metrics.push_back(std::move(m));
    }
  }
};

SummaryBuilder::SummaryBuilder(CaseDetail detail, std::size_t failing_kept) : m_state(std::make_unique<State>()) {
  m_state->detail = detail;
  m_state->failing_kept = failing_kept;
}

SummaryBuilder::~SummaryBuilder() = default;

void SummaryBuilder::add(const CaseResult& result) { m_state->add(result); }

Summary SummaryBuilder::finish() {
  State& st = *m_state;
  st.close_case();
  Summary& s = st.summary;
  s.pass_rate = share(s.passes, s.results);
  s.pass_rate_ci = wilson_interval(s.passes, s.results);
  std::vector<CaseStats> kept = std::move(st.cases);
  st.finish_providers(kept);
  for (auto& c : kept) {
    c.pass_at_k = pass_at_k(c.runs, c.passes, s.k);
    c.pass_hat_k = pass_hat_k(c.runs, c.passes, s.k);
  }
  std::sort(kept.begin(), kept.end(), case_order);
  if (st.detail == CaseDetail::failing && kept.size() > st.failing_kept) kept.resize(st.failing_kept);
  s.case_stats = std::move(kept);
  st.finish_metrics();
  s.usage = st.usage.finish();
  return std::move(s);
}

Summary summarize(std::span<const CaseResult> results) {
  std::vector<const CaseResult*> ordered;
  ordered.reserve(results.size());
  for (const CaseResult& r : results) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(), [](const CaseResult* a, const CaseResult* b) {
    return std::tie(a->case_index, a->provider, a->case_key, a->repeat) <
           std::tie(b->case_index, b->provider, b->case_key, b->repeat);
  });
  SummaryBuilder builder(CaseDetail::all);
  for (const CaseResult* r : ordered) builder.add(*r);
  return builder.finish();
}

}  // namespace genops::eval::stats
