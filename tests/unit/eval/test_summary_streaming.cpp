// The streamed summary (SummaryBuilder fed in the store's order) against the
// same figures computed over every result held in memory.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>
#include <vector>

#include "eval/stats/estimators.hpp"
#include "eval/stats/streaming.hpp"
#include "eval/stats/summary.hpp"
#include "result_builders.hpp"

using namespace genops::eval;
using namespace genops::eval::stats;
using genops::eval::testing::make_assertion;
using genops::eval::testing::make_result;

namespace {

// `cases` cases x 2 providers x 3 repeats in the store's order (case_index, provider, repeat),
// with scores, latencies, usage and some target errors, from a fixed seed.
std::vector<CaseResult> store_ordered(int cases) {
  std::mt19937 rng(7);
  std::vector<CaseResult> out;
  for (int i = 0; i < cases; ++i)
    for (const char* provider : {"a", "b"})
      for (int repeat = 0; repeat < 3; ++repeat) {
        const bool pass = rng() % 5 < 2;
        auto r = make_result("case-" + std::to_string(i), pass, repeat, provider);
        r.case_index = i;
        r.latency_ms = static_cast<std::int64_t>(rng() % 90);
        r.cost_usd = 0.001 * static_cast<double>(rng() % 7);
        r.input_tokens = rng() % 50;
        r.output_tokens = rng() % 20;
        r.assertions.push_back(make_assertion("rouge1", pass, static_cast<double>(rng() % 1000) / 1000, "too short"));
        if (rng() % 10 == 0) r.error = "provider " + std::string(provider) + ": HTTP 500";
        out.push_back(std::move(r));
      }
  return out;
}

void check_same(const Summary& a, const Summary& b) {
  CHECK(a.results == b.results);
  CHECK(a.passes == b.passes);
  CHECK(a.errors == b.errors);
  CHECK(a.k == b.k);
  CHECK(a.cases == b.cases);
  CHECK(a.cases_all_passed == b.cases_all_passed);
  CHECK(a.mean_pass_at_k == doctest::Approx(b.mean_pass_at_k));
  CHECK(a.mean_pass_hat_k == doctest::Approx(b.mean_pass_hat_k));
  CHECK(a.usage.latency_p50_ms == b.usage.latency_p50_ms);
  CHECK(a.usage.latency_p95_ms == b.usage.latency_p95_ms);
  CHECK(a.usage.cost_usd == doctest::Approx(b.usage.cost_usd));
  REQUIRE(a.metrics.size() == b.metrics.size());
  for (std::size_t i = 0; i < a.metrics.size(); ++i) {
    CHECK(a.metrics[i].mean == b.metrics[i].mean);
    CHECK(a.metrics[i].mean_ci.low == b.metrics[i].mean_ci.low);
    CHECK(a.metrics[i].mean_ci.high == b.metrics[i].mean_ci.high);
  }
}

}  // namespace

TEST_CASE("eval::stats::SummaryBuilder: streamed in store order, it equals the figures over every result in memory") {
  const auto results = store_ordered(400);  // 2,400 results: every metric value fits the reservoir
  SummaryBuilder builder(CaseDetail::all);
  for (const auto& r : results) builder.add(r);
  const Summary s = builder.finish();

  // The same figures over the whole vector, from the estimators directly.
  std::vector<double> scores, latencies;
  std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>> per_case;  // runs, passes
  std::int64_t passes = 0, errors = 0;
  for (const auto& r : results) {
    scores.push_back(*r.assertions[0].score);
    latencies.push_back(static_cast<double>(r.latency_ms));
    auto& [runs, case_passes] = per_case[{r.provider, r.case_key}];
    ++runs;
    if (r.pass) ++case_passes, ++passes;
    if (!r.error.empty()) ++errors;
  }
  double at_k = 0, all_passed = 0;
  for (const auto& [key, rp] : per_case) {
    at_k += pass_at_k(rp.first, rp.second, 3);
    if (rp.first == rp.second) ++all_passed;
  }
  CHECK(s.results == 2400);
  CHECK(s.passes == passes);
  CHECK(s.errors == errors);
  CHECK(s.k == 3);
  CHECK(s.cases == 800);
  CHECK(s.cases_all_passed == all_passed);
  CHECK(s.mean_pass_at_k == doctest::Approx(at_k / 800));
  CHECK(s.usage.latency_p50_ms == percentile(latencies, 0.5));
  CHECK(s.usage.latency_p95_ms == percentile(latencies, 0.95));
  REQUIRE(s.metrics.size() == 1);
  const Interval ci = bootstrap_mean_interval(scores);
  CHECK(s.metrics[0].mean_ci.low == ci.low);
  CHECK(s.metrics[0].mean_ci.high == ci.high);
  CHECK(s.metrics[0].min == *std::min_element(scores.begin(), scores.end()));
  CHECK(s.case_stats.size() == 800);
  REQUIRE(s.providers.size() == 2);
  CHECK(s.providers[0].cases + s.providers[1].cases == 800);

  // summarize() of the same results in any order gives the same summary.
  auto shuffled = results;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(3));
  check_same(summarize(shuffled), s);
}

TEST_CASE("eval::stats::SummaryBuilder: CaseDetail::failing keeps the first failing cases with a reason, and every count") {
  const auto results = store_ordered(200);
  SummaryBuilder all(CaseDetail::all), failing(CaseDetail::failing, 10);
  for (const auto& r : results) {
    all.add(r);
    failing.add(r);
  }
  const Summary full = all.finish();
  const Summary small = failing.finish();
  check_same(small, full);
  CHECK(small.providers[0].mean_pass_at_k == full.providers[0].mean_pass_at_k);
  REQUIRE(small.case_stats.size() == 10);
  std::vector<const CaseStats*> expected;
  for (const auto& c : full.case_stats)
    if (c.passes != c.runs) expected.push_back(&c);
  for (std::size_t i = 0; i < 10; ++i) {
    CHECK(small.case_stats[i].case_key == expected[i]->case_key);
    CHECK(small.case_stats[i].provider == expected[i]->provider);
    CHECK(small.case_stats[i].passes == expected[i]->passes);
    CHECK(small.case_stats[i].first_reason == expected[i]->first_reason);
  }
  CHECK_FALSE(small.case_stats[0].first_reason.empty());
}

TEST_CASE("eval::stats::MeanReservoir: exact while the values fit, deterministic and close to the full bootstrap beyond") {
  std::mt19937 rng(11);
  std::vector<double> values;
  for (int i = 0; i < 20000; ++i) values.push_back(static_cast<double>(rng() % 1000) / 1000);

  MeanReservoir fits(values.size());
  for (double v : values) fits.add(v);
  const Interval exact = bootstrap_mean_interval(values);
  CHECK(fits.mean_interval().low == exact.low);
  CHECK(fits.mean_interval().high == exact.high);

  MeanReservoir a(1000), b(1000);
  for (double v : values) {
    a.add(v);
    b.add(v);
  }
  CHECK(a.count() == 20000);
  CHECK(a.mean_interval().low == b.mean_interval().low);  // the same values in the same order: the same interval
  CHECK(a.mean_interval().high == b.mean_interval().high);
  CHECK(a.mean() == doctest::Approx(fits.mean()));
  CHECK(a.min() == fits.min());
  CHECK(a.max() == fits.max());
  // A sample of 1,000 of 20,000 values, rescaled, gives about the full data's interval.
  const double width = exact.high - exact.low, sampled = a.mean_interval().high - a.mean_interval().low;
  CHECK(sampled == doctest::Approx(width).epsilon(0.15));
  CHECK(a.mean_interval().low < a.mean());
  CHECK(a.mean_interval().high > a.mean());
}

TEST_CASE("eval::stats::IntHistogram: the same percentiles as over every value") {
  std::vector<double> values;
  IntHistogram h;
  CHECK(h.percentile(0.5) == 0);
  for (std::int64_t v : {5, 1, 9, 9, 3, 120, 7, 7, 7, 2}) {
    values.push_back(static_cast<double>(v));
    h.add(v);
  }
  for (double q : {0.0, 0.25, 0.5, 0.9, 0.95, 1.0}) CHECK(h.percentile(q) == percentile(values, q));
  IntHistogram one;
  one.add(42);
  CHECK(one.percentile(0.95) == 42);
}
