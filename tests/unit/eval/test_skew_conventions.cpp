// --binning evidently|tfdv: each statistic checked against the vectors of the
// reference project's own tests (the source file is named at each vector).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "eval/skew/conventions.hpp"

using namespace genops::eval::skew;

namespace {

// pandas.Series(values).repeat(counts)
std::vector<double> repeat(const std::vector<double>& values, const std::vector<int>& counts) {
  std::vector<double> out;
  for (std::size_t i = 0; i < values.size(); ++i) out.insert(out.end(), static_cast<std::size_t>(counts[i]), values[i]);
  return out;
}

std::map<std::string, double> counts(const std::vector<std::string>& values) {
  std::map<std::string, double> out;
  for (const auto& v : values) out[v] += 1;
  return out;
}

TfdvHistogram histogram(std::vector<TfdvBucket> buckets, double num_nan = 0) { return TfdvHistogram{std::move(buckets), num_nan}; }

constexpr double inf = std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("skew::evidently_psi: Evidently's vectors") {
  // evidently tests/multitest/metrics/data_drift.py, ColumnDriftMetric(stattest="psi"):
  // reference [3, 2, 2], current [1, 2, 3] -> drift_score 2.93 (abs 0.01).
  CHECK(evidently_psi(evidently_binned(std::vector<double>{3, 2, 2}, std::vector<double>{1, 2, 3}, true)) ==
        doctest::Approx(2.93).epsilon(0.01 / 2.93));
  CHECK(evidently_psi(evidently_binned(counts({"3", "2", "2"}), counts({"1", "2", "3"}), true)) == doctest::Approx(2.9339).epsilon(1e-4));
  // The epsilon rule (utils.py get_binned_data): 1e-4, or the smallest share / 1e6 when that is at most 1e-4.
  std::map<std::string, double> big{{"a", 20000}}, with_rare{{"a", 19999}, {"b", 1}};
  const auto s = evidently_binned(big, with_rare, true);
  CHECK(s.reference[1] == doctest::Approx(1e-4));
  const auto t = evidently_binned(counts({"x"}), std::map<std::string, double>{{"x", 19999}, {"y", 1}}, true);
  CHECK(t.reference[1] == doctest::Approx(1e-4));
  const auto u = evidently_binned(std::map<std::string, double>{{"x", 19999}, {"y", 1}}, counts({"z"}), true);
  CHECK(u.reference[2] == doctest::Approx(0.00005 / 1e6));  // smallest share 5e-5 <= 1e-4
}

TEST_CASE("skew::evidently_binned: Sturges bins over both sides when the reference has more than 20 values") {
  // numpy.histogram_bin_edges([0..29] + [0..29], "sturges"): 60 values -> ceil(log2(60) + 1) = 7 bins of width 29/7.
  std::vector<double> a;
  for (int i = 0; i < 30; ++i) a.push_back(i);
  const auto s = evidently_binned(a, a, false);
  REQUIRE(s.reference.size() == 7);
  // np.histogram(range(30), np.linspace(0, 29, 8)) = [5, 4, 4, 4, 4, 4, 5]
  const std::vector<double> expected{5, 4, 4, 4, 4, 4, 5};
  for (std::size_t i = 0; i < 7; ++i) CHECK(s.reference[i] * 30 == doctest::Approx(expected[i]));
  CHECK(evidently_psi(evidently_binned(a, a, true)) == doctest::Approx(0.0));
}

TEST_CASE("skew::evidently_chisquare_p and evidently_z_p: Evidently's vectors") {
  // evidently tests/stattests/test_stattests.py test_freq_obs_eq_freq_exp: p 0.67309 (abs 1e-5).
  const auto ref = repeat({1, 2, 3, 4, 5, 6}, {16, 18, 16, 14, 12, 12});
  const auto cur = repeat({1, 2, 3, 4, 5, 6}, {16, 16, 16, 16, 16, 8});
  std::map<std::string, double> r, c, r2;
  for (double v : ref) r[std::to_string(v)] += 1;
  for (double v : cur) c[std::to_string(v)] += 1;
  CHECK(std::abs(evidently_chisquare_p(r, c) - 0.67309) < 1e-5);
  // test_freq_obs_not_eq_freq_exp: the reference counts doubled, the same p.
  for (const auto& [k, n] : r) r2[k] = 2 * n;
  CHECK(std::abs(evidently_chisquare_p(r2, c) - 0.67309) < 1e-5);
  // test_chi_stat_test_cat_feature: ["a", "b", "c"] x 10 each side -> 1.0.
  const auto abc = counts({"a", "a", "b", "b", "c", "c"});
  CHECK(evidently_chisquare_p(abc, abc) == doctest::Approx(1.0));
  // test_z_stat_test_cat_feature: ["a", "b"] * 10 each side -> 1.0.
  const auto ab = counts({"a", "b", "a", "b"});
  CHECK(evidently_z_p(ab, ab) == doctest::Approx(1.0));
  // tests/metrics/data_drift/test_data_drift_table.py test_data_drift_metrics_json_output:
  // category_feature a, a, b, b vs a, b, a (NaN dropped) -> Z-test p 0.66 (abs 0.01).
  CHECK(std::abs(evidently_z_p(counts({"a", "a", "b", "b"}), counts({"a", "b", "a"})) - 0.66) < 0.01);
}

TEST_CASE("skew::evidently_default_test: Evidently's test_get_default_stattest") {
  // evidently tests/stattests/test_registry.py test_get_default_stattest.
  CHECK(evidently_default_test(true, 10, 1) == "z");                 // [1.0] * 10
  CHECK(evidently_default_test(true, 11, 11) == "ks");               // 1..11
  CHECK(evidently_default_test(true, 11000, 11) == "wasserstein");   // 1..11 * 1000
  CHECK(evidently_default_test(true, 5000, 5) == "jensenshannon");   // [1..5] * 1000
  CHECK(evidently_default_test(false, 30, 3) == "chisquare");        // ["a", "b", "c"] * 10
  CHECK(evidently_default_test(false, 20, 2) == "z");                // ["a", "b"] * 10
  CHECK(evidently_default_test(false, 20000, 2) == "jensenshannon"); // ["a", "b"] * 10000
  CHECK(evidently_default_threshold("wasserstein") == 0.1);
  CHECK(evidently_default_threshold("ks") == 0.05);
}

TEST_CASE("skew::scipy_jensenshannon and evidently_wasserstein_norm") {
  // NannyML tests/drift/test_univariate_drift_methods.py test_js_for_categorical: a, b, c, d
  // against a, b, c, e (uniform; NannyML draws them at random) -> 0.5 in base 2.
  const auto s = evidently_binned(counts({"a", "b", "c", "d"}), counts({"a", "b", "c", "e"}), false);
  CHECK(scipy_jensenshannon(s) / std::sqrt(std::log(2.0)) == doctest::Approx(0.5));
  // evidently test_registry.py: [1..5] * 1000 on both sides, the same shares -> 0.
  std::vector<double> five;
  for (int i = 0; i < 5000; ++i) five.push_back(1 + i % 5);
  CHECK(scipy_jensenshannon(evidently_binned(five, five, false)) == doctest::Approx(0.0));
  // Hand-worked: W1([0,1,2,3], [1,2,3,4]) = 1 over the population std sqrt(1.25).
  CHECK(evidently_wasserstein_norm(std::vector<double>{0, 1, 2, 3}, std::vector<double>{1, 2, 3, 4}) ==
        doctest::Approx(1 / std::sqrt(1.25)));
  // wasserstein_distance_norm.py: the norm is at least 0.001.
  CHECK(evidently_wasserstein_norm(std::vector<double>{5, 5}, std::vector<double>{6, 6}) == doctest::Approx(1000));
}

TEST_CASE("skew::tfdv_linf: TFDV's LInftyDistanceTest and NannyML's L-infinity") {
  // tensorflow_data_validation/anomalies/metrics_test.cc GetLInftyDistanceTests.
  CHECK(tfdv_linf({}, {}) == 0.0);
  CHECK(tfdv_linf({{"hello", 0.1}, {"world", 0.9}}, {{"hello", 0.3}, {"world", 0.7}}) == doctest::Approx(0.2));
  CHECK(tfdv_linf({{"b", 0.9}, {"c", 0.1}}, {{"a", 0.3}, {"b", 0.7}}) == doctest::Approx(0.3));
  CHECK(tfdv_linf({{"a", 0.3}, {"b", 0.7}}, {{"b", 0.9}, {"c", 0.1}}) == doctest::Approx(0.3));
  // NannyML tests/drift/test_univariate_drift_methods.py test_l_infinity_*.
  const auto abc = counts({"a", "a", "b", "b", "c", "c"});
  CHECK(std::round(tfdv_linf(abc, counts({"a", "a", "b", "b", "c", "c", "d"})) * 100) / 100 == doctest::Approx(0.14));
  CHECK(tfdv_linf(abc, abc) == doctest::Approx(0.0));
  CHECK(std::round(tfdv_linf(abc, counts({"b", "b", "b", "b", "b"})) * 100) / 100 == doctest::Approx(0.67));
}

TEST_CASE("skew::tfdv_jensen_shannon: TFDV's JensenShannonDivergence tests") {
  // tensorflow_data_validation/anomalies/metrics_test.cc, by test name.
  const auto same = histogram({{1.0, 2.3333333, 2.9866667}, {2.3333333, 3.6666667, 1.0066667}, {3.6666667, 5.0, 2.0066667}});
  CHECK(*tfdv_jensen_shannon(same, same) == doctest::Approx(0.0));  // SameStatistics
  CHECK(*tfdv_jensen_shannon(histogram({{1, 2, 2}, {2, 3, 2}}), histogram({{2, 4, 2}, {4, 6, 2}})) ==
        doctest::Approx(0.65563906222).epsilon(1e-5));  // DifferentBucketBoundaries
  CHECK(*tfdv_jensen_shannon(histogram({{0, 1, 2}, {1, 2, 2}}), histogram({{3, 4, 2}, {4, 6, 2}})) == doctest::Approx(1.0));  // NoOverlap
  CHECK(*tfdv_jensen_shannon(histogram({{1, 1, 4}}), histogram({{2, 4, 2}, {4, 6, 2}})) == doctest::Approx(1.0));  // OneHasAllValuesInOneBucket
  CHECK(*tfdv_jensen_shannon(histogram({{1, 1, 4}}), histogram({{2.33, 2.33, 4}})) == doctest::Approx(1.0));  // BothHaveAllValuesInOneBucket
  CHECK(*tfdv_jensen_shannon(histogram({{10, 10, 21}}), histogram({{0, 4, 150}, {4, 12, 200}, {12, 20, 20}})) ==
        doctest::Approx(1.0));  // OneHasOneBucketTheOtherHasMany
  CHECK_FALSE(tfdv_jensen_shannon(histogram({}), histogram({{0, 4, 10}})));           // EmptyHistogram
  CHECK_FALSE(tfdv_jensen_shannon(histogram({{0, 4, 10}}), histogram({{0, 4, 0}})));  // EmptyHistogram
  CHECK(*tfdv_jensen_shannon(histogram({}, 1), histogram({}, 1)) == doctest::Approx(1.0));  // NaNNotEqualToSelf
  CHECK(*tfdv_jensen_shannon(histogram({{1, 2, 3}}, 1), histogram({{1, 2, 4}})) ==
        doctest::Approx(0.13792538096).epsilon(1e-5));  // WithNaNs
  CHECK(*tfdv_jensen_shannon(histogram({{0, 0, 1}, {1, 1, 1}}), histogram({{0, 0, 1}, {2, 2, 1}})) ==
        doctest::Approx(0.5));  // MultiplePointBinsPartialOverlap
  CHECK(*tfdv_jensen_shannon(histogram({{0, 0, 1}, {1, 2, 1}}), histogram({{1, 1, 1}, {2, 2, 1}})) ==
        doctest::Approx(1.0));  // MixOfPointAndNonPointBoundaries
  CHECK(*tfdv_jensen_shannon(histogram({{-inf, 0, 1}, {inf, inf, 1}}), histogram({{-inf, 0, 1}, {inf, inf, 1}})) ==
        doctest::Approx(1.0));  // InfiniteBinBoundaries
  // RankHistogram: string counts.
  CHECK(*tfdv_jensen_shannon(std::map<std::string, double>{{"b", 2}, {"a", 2}, {"c", 1}},
                             std::map<std::string, double>{{"a", 2}, {"Z", 1}, {"Y", 1}, {"X", 1}}) == doctest::Approx(0.6));
  // EmptyRankHistogram.
  CHECK_FALSE(tfdv_jensen_shannon(std::map<std::string, double>{}, std::map<std::string, double>{{"a", 2}}));
}

TEST_CASE("skew::tfdv_standard_histogram: ten equal-width buckets from the side's own min to max") {
  std::vector<double> v;
  for (int i = 0; i <= 100; ++i) v.push_back(i);
  const auto h = tfdv_standard_histogram(v);
  REQUIRE(h.buckets.size() == 10);
  CHECK(h.buckets[0].low == 0);
  CHECK(h.buckets[9].high == 100);
  CHECK(h.buckets[0].count == 10);
  CHECK(h.buckets[9].count == 11);  // the last bucket is closed
  const auto point = tfdv_standard_histogram(std::vector<double>{3, 3, 3});
  REQUIRE(point.buckets.size() == 1);
  CHECK(point.buckets[0].low == point.buckets[0].high);
  CHECK(*tfdv_jensen_shannon(tfdv_standard_histogram(v), tfdv_standard_histogram(v)) == doctest::Approx(0.0));
}
