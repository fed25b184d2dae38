// summarize over hand-built results; every expected number is worked out in the
// comments from the definitions in eval/stats/estimators.hpp.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "eval/stats/reasons.hpp"
#include "eval/stats/summary.hpp"
#include "result_builders.hpp"

using namespace genops::eval;
using namespace genops::eval::stats;
using genops::eval::testing::make_assertion;
using genops::eval::testing::make_result;

TEST_CASE("eval::stats::summarize: repeats, pass@k and pass^k") {
  std::vector<CaseResult> results;
  // Case a passes 3 of 3, b 1 of 3, c 0 of 3 (one errored).
  for (int r = 0; r < 3; ++r) {
    results.push_back(make_result("a", true, r));
    results.push_back(make_result("b", r == 1, r));
    results.push_back(make_result("c", false, r));
  }
  results.back().error = "provider gpt: HTTP 500";
  results[0].case_index = 0;
  const Summary s = summarize(results);
  CHECK(s.results == 9);
  CHECK(s.passes == 4);
  CHECK(s.errors == 1);
  CHECK(s.k == 3);
  CHECK(s.cases == 3);
  CHECK(s.cases_all_passed == 1);
  CHECK(s.pass_rate == doctest::Approx(4.0 / 9.0));
  // Wilson 4/9: centre (4/9 + z^2/18) / (1 + z^2/9).
  const Interval w = wilson_interval(4, 9);
  CHECK(s.pass_rate_ci.low == w.low);
  CHECK(s.pass_rate_ci.high == w.high);
  REQUIRE(s.case_stats.size() == 3);
  const CaseStats& b = s.case_stats[1];
  CHECK(b.case_key == "b");
  CHECK(b.runs == 3);
  CHECK(b.passes == 1);
  CHECK(b.pass_rate == doctest::Approx(1.0 / 3.0));
  CHECK(b.pass_at_k == 1.0);   // k = n = 3: one pass suffices
  CHECK(b.pass_hat_k == 0.0);  // not every repeat passed
  CHECK(s.case_stats[0].pass_hat_k == 1.0);
  CHECK(s.case_stats[2].pass_at_k == 0.0);
  CHECK(s.case_stats[2].errors == 1);
  CHECK(s.mean_pass_at_k == doctest::Approx(2.0 / 3.0));
  CHECK(s.mean_pass_hat_k == doctest::Approx(1.0 / 3.0));
}

TEST_CASE("eval::stats::summarize: a case with fewer runs than k") {
  std::vector<CaseResult> results = {make_result("a", true, 0), make_result("a", false, 1),
                                     make_result("a", true, 2), make_result("b", true, 0)};
  const Summary s = summarize(results);
  CHECK(s.k == 3);
  // b ran once: k is capped at its n = 1.
  CHECK(s.case_stats[1].pass_at_k == 1.0);
  CHECK(s.case_stats[1].pass_hat_k == 1.0);
  // a: n = 3, c = 2, k = 3: pass^3 = C(2,3)/C(3,3) = 0.
  CHECK(s.case_stats[0].pass_hat_k == 0.0);
}

TEST_CASE("eval::stats::summarize: metrics, providers, usage") {
  std::vector<CaseResult> results;
  const double rouge[] = {0.2, 0.4, 0.6, 0.8};
  for (int i = 0; i < 4; ++i) {
    CaseResult r = make_result("c" + std::to_string(i), i >= 2, 0, i % 2 == 0 ? "gpt" : "claude");
    r.assertions.push_back(make_assertion("rougeL", i >= 2, rouge[i]));
    r.assertions.push_back(make_assertion("icontains", true));  // no score: not a metric
    r.latency_ms = (i + 1) * 100;
    r.cost_usd = 0.25;
    r.input_tokens = 10;
    r.output_tokens = 5;
    r.cached = i == 0;
    results.push_back(r);
  }
  const Summary s = summarize(results);
  REQUIRE(s.metrics.size() == 1);
  const MetricStats& m = s.metrics[0];
  CHECK(m.name == "rougeL");
  CHECK(m.count == 4);
  CHECK(m.passes == 2);
  CHECK(m.mean == doctest::Approx(0.5));
  CHECK(m.min == 0.2);
  CHECK(m.max == 0.8);
  CHECK(m.mean_ci.low >= 0.2);
  CHECK(m.mean_ci.low < 0.5);
  CHECK(m.mean_ci.high > 0.5);
  CHECK(m.mean_ci.high <= 0.8);
  REQUIRE(s.providers.size() == 2);
  CHECK(s.providers[0].provider == "claude");  // by name
  CHECK(s.providers[0].results == 2);
  CHECK(s.providers[0].passes == 1);
  CHECK(s.providers[1].usage.latency_p50_ms == 200);  // gpt: 100 and 300
  CHECK(s.usage.cost_usd == doctest::Approx(1.0));
  CHECK(s.usage.input_tokens == 40);
  CHECK(s.usage.output_tokens == 20);
  CHECK(s.usage.cached == 1);
  CHECK(s.usage.latency_p50_ms == 250);  // 100 200 300 400, type 7
  CHECK(s.usage.latency_p95_ms == doctest::Approx(385));  // 300 + 0.85 * 100
}

TEST_CASE("eval::stats::summarize: empty") {
  const Summary s = summarize({});
  CHECK(s.results == 0);
  CHECK(s.pass_rate == 0.0);
  CHECK(s.cases == 0);
  CHECK(s.metrics.empty());
}

TEST_CASE("eval::stats::failure_reasons") {
  CaseResult r = make_result("a", false);
  SUBCASE("target error first, then failed assertions") {
    r.error = "provider gpt: HTTP 500";
    r.assertions.push_back(make_assertion("icontains", false, std::nullopt, "output lacks \"refund\""));
    r.assertions.push_back(make_assertion("equals", true));
    AssertionResult rouge = make_assertion("rougeL", false, 0.31);
    rouge.threshold = 0.4;
    r.assertions.push_back(rouge);
    r.assertions.push_back(make_assertion("is-json", false));
    const auto reasons = failure_reasons(r);
    REQUIRE(reasons.size() == 4);
    CHECK(reasons[0] == "error: provider gpt: HTTP 500");
    CHECK(reasons[1] == "icontains: output lacks \"refund\"");
    CHECK(reasons[2] == "rougeL: score 0.310, threshold 0.400");
    CHECK(reasons[3] == "is-json: failed");
  }
  SUBCASE("failed on the case threshold only") {
    r.score = 0.5;
    r.assertions.push_back(make_assertion("equals", true));
    CHECK(failure_reasons(r) == std::vector<std::string>{"case score 0.500 below the case threshold"});
  }
  SUBCASE("a pass has none") { CHECK(failure_reasons(make_result("a", true)).empty()); }
}

TEST_CASE("eval::stats::case_name: the description, else the first vars on one line") {
  CaseResult r;
  r.case_key = "h0123456789abcdef";
  SUBCASE("the description, on one line") {
    r.description = "refund\n  after   30 days";
    CHECK(case_name(r) == "refund after 30 days");
  }
  SUBCASE("the first two vars, cut without splitting UTF-8") {
    r.vars = {{"question", "How do I cancel my subscription when I am abroad?\nThanks"},
              {"category", "billing"},
              {"zz", "left out"}};
    CHECK(case_name(r) == "category=\"billing\", question=\"How do I cancel my subscription when I a\u2026\"");
    r.vars = {{"q", std::string(39, 'a') + "\u00e9\u00e9"}};
    CHECK(case_name(r) == "q=\"" + std::string(39, 'a') + "\u2026\"");
  }
  SUBCASE("nothing to name it by") { CHECK(case_name(r).empty()); }
}
