#pragma once
// Statistics over one eval run's results: pass rates with intervals, pass@k
// and pass^k per case, metric means with bootstrap intervals, usage totals.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "eval/result.hpp"
#include "eval/stats/estimators.hpp"

namespace genops::eval::stats {

// One case on one provider, over its repeats.
struct CaseStats {
  std::string case_key;
  std::string provider;
  std::string description;
  std::string name;              // case_name(): the description, else the first vars, on one line
  std::int64_t case_index = 0;
  std::int64_t runs = 0;         // n: results (repeats) of this case
  std::int64_t passes = 0;       // c
  std::int64_t errors = 0;       // results whose target failed
  double pass_rate = 0;          // c / n
  double pass_at_k = 0;          // with k = Summary::k (capped at n)
  double pass_hat_k = 0;
  double mean_score = 0;         // mean of CaseResult::score over repeats
  std::string first_reason;      // a failing case's first failure reason (failure_reasons()), else ""
};

// One metric (AssertionResult::metric) over every assertion result with a score.
struct MetricStats {
  std::string name;
  std::int64_t count = 0;        // scored assertion results
  std::int64_t passes = 0;       // of those, how many passed
  double mean = 0;
  Interval mean_ci;              // percentile bootstrap 95 % (estimators.hpp)
  double min = 0;
  double max = 0;
};

// Usage and timing totals over a set of results.
struct Usage {
  double cost_usd = 0;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t cached = 0;       // results served entirely from the response cache
  double latency_p50_ms = 0;     // percentiles of CaseResult::latency_ms (type 7)
  double latency_p95_ms = 0;
};

// One provider of the matrix ("" when the eval has none).
struct ProviderStats {
  std::string provider;
  std::int64_t results = 0;
  std::int64_t passes = 0;
  std::int64_t errors = 0;
  double pass_rate = 0;
  Interval pass_rate_ci;         // Wilson 95 %
  std::int64_t cases = 0;        // distinct case keys of this provider
  std::int64_t cases_all_passed = 0;
  double mean_pass_at_k = 0;     // over its cases, with Summary::k
  double mean_pass_hat_k = 0;
  Usage usage;
};

struct Summary {
  std::int64_t results = 0;      // every (case, provider, repeat) result
  std::int64_t passes = 0;
  std::int64_t errors = 0;       // results whose target failed
  std::int64_t k = 1;            // repeats: the largest runs of any case
  double pass_rate = 0;          // passes / results: each repeat is one trial
  Interval pass_rate_ci;         // Wilson 95 %
  std::int64_t cases = 0;        // distinct (case_key, provider)
  std::int64_t cases_all_passed = 0;  // cases whose every repeat passed
  double mean_pass_at_k = 0;     // over cases
  double mean_pass_hat_k = 0;
  std::vector<CaseStats> case_stats;        // by provider, then case_index, then case_key: every case,
                                            // or only the first failing ones (SummaryBuilder, CaseDetail)
  std::vector<MetricStats> metrics;         // by name
  std::vector<ProviderStats> providers;     // by name
  Usage usage;
};

// Summarises a run's results (any order; taken in the store's order: case_index,
// provider, case_key, repeat) through SummaryBuilder with every case kept, so
// it equals the streamed summary of the same results. Never throws on empty input.
Summary summarize(std::span<const CaseResult> results);

// Which cases a streamed summary keeps in Summary::case_stats.
enum class CaseDetail {
  all,      // every case (reports that list them: JSON, JUnit, Markdown)
  failing,  // only the first `failing_kept` failing cases, by provider then case_index (the terminal table)
};

// A Summary computed while results stream past, in memory bounded by the
// providers, metrics and distinct latencies (not the results), except the
// cases CaseDetail::all keeps. Metric intervals come from a fixed-seed
// reservoir (streaming.hpp). Results must come grouped by case: every repeat
// of one (provider, case_key) next to each other, as the store returns them.
class SummaryBuilder {
 public:
  explicit SummaryBuilder(CaseDetail detail = CaseDetail::all, std::size_t failing_kept = 10);
  ~SummaryBuilder();
  SummaryBuilder(const SummaryBuilder&) = delete;
  SummaryBuilder& operator=(const SummaryBuilder&) = delete;
  void add(const CaseResult& result);
  // The summary of everything added; the builder is spent.
  Summary finish();

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace genops::eval::stats
