// check_gate(): each check's verdict and its one-line message.
#include <doctest/doctest.h>

#include <vector>

#include "eval/gate/gate.hpp"
#include "result_builders.hpp"

using namespace genops::eval;
using namespace genops::eval::gate;
using genops::eval::testing::make_assertion;
using genops::eval::testing::make_result;

namespace {

std::vector<CaseResult> results_with(int passes, int total) {
  std::vector<CaseResult> results;
  for (int i = 0; i < total; ++i) {
    CaseResult r = make_result("case" + std::to_string(i), i < passes);
    r.assertions.push_back(make_assertion("rougeL", i < passes, i < passes ? 0.6 : 0.2));
    results.push_back(r);
  }
  return results;
}

}  // namespace

TEST_CASE("eval::gate::check_gate: pass_rate") {
  Gate gate;
  gate.pass_rate = 0.95;
  SUBCASE("19 of 20 meets 0.95 exactly") {
    const auto results = results_with(19, 20);
    const GateVerdict v = check_gate(gate, stats::summarize(results), nullptr);
    CHECK(v.pass);
    REQUIRE(v.checks.size() == 1);
    CHECK(v.checks[0].name == "pass_rate");
    CHECK(v.checks[0].message.rfind("pass rate 0.950 is at least 0.950 (19 of 20 results", 0) == 0);
  }
  SUBCASE("18 of 20 is 0.050 below") {
    const auto results = results_with(18, 20);
    const GateVerdict v = check_gate(gate, stats::summarize(results), nullptr);
    CHECK_FALSE(v.pass);
    CHECK(v.checks[0].actual == doctest::Approx(0.9));
    CHECK(v.checks[0].limit == 0.95);
    CHECK(v.checks[0].message.rfind("pass rate 0.900 is 0.050 below 0.950 (18 of 20 results, 95% CI ", 0) == 0);
  }
  SUBCASE("no results fail") {
    const GateVerdict v = check_gate(gate, stats::summarize({}), nullptr);
    CHECK_FALSE(v.pass);
    CHECK(v.checks[0].message == "no results to compute a pass rate from");
  }
  SUBCASE("no gate passes") { CHECK(check_gate(Gate{}, stats::summarize({}), nullptr).pass); }
}

TEST_CASE("eval::gate::check_gate: metric bounds") {
  const auto results = results_with(5, 10);  // rougeL mean (5 * 0.6 + 5 * 0.2) / 10 = 0.4
  const stats::Summary summary = stats::summarize(results);
  Gate gate;
  gate.metrics["rougeL"].mean_min = 0.45;
  gate.metrics["rougeL"].mean_max = 0.9;
  gate.metrics["bleu"].mean_min = 0.1;
  const GateVerdict v = check_gate(gate, summary, nullptr);
  CHECK_FALSE(v.pass);
  REQUIRE(v.checks.size() == 3);
  CHECK(v.checks[0].name == "metrics.bleu.mean_min");  // by name
  CHECK_FALSE(v.checks[0].pass);
  CHECK(v.checks[0].message == "bleu: no result scored this metric (mean_min 0.100)");
  CHECK(v.checks[1].name == "metrics.rougeL.mean_min");
  CHECK_FALSE(v.checks[1].pass);
  CHECK(v.checks[1].message.rfind("rougeL mean 0.400 is 0.050 below mean_min 0.450 (95% CI ", 0) == 0);
  CHECK(v.checks[2].name == "metrics.rougeL.mean_max");
  CHECK(v.checks[2].pass);
}

TEST_CASE("eval::gate::check_gate: baseline needs a drop beyond max_drop AND significance") {
  Gate gate;
  gate.baseline = BaselineGate{"main", "", 0.02, 0.05};
  std::vector<CaseResult> baseline = results_with(20, 20);
  SUBCASE("one noisy flip: a 0.05 drop, not significant") {
    const auto current = results_with(19, 20);
    const Comparison c = compare(current, baseline);
    const GateVerdict v = check_gate(gate, stats::summarize(current), &c);
    CHECK(v.pass);
    CHECK(v.checks[0].actual == doctest::Approx(0.05));
    CHECK(v.checks[0].message ==
          "pass rate dropped 0.050 (1.000 -> 0.950) vs baseline labelled main, more than max_drop 0.020 but not "
          "significant (1 new failures, 0 fixed, McNemar p = 1.000 >= alpha 0.05)");
  }
  SUBCASE("eight new failures: significant") {
    const auto current = results_with(12, 20);
    const Comparison c = compare(current, baseline);
    const GateVerdict v = check_gate(gate, stats::summarize(current), &c);
    CHECK_FALSE(v.pass);
    CHECK(v.checks[0].message ==
          "pass rate dropped 0.400 (1.000 -> 0.600) vs baseline labelled main, 0.380 more than max_drop 0.020 and "
          "significant (8 new failures, 0 fixed, McNemar p = 0.0078 < alpha 0.05)");
  }
  SUBCASE("significant but within max_drop") {
    gate.baseline->max_drop = 0.5;
    const auto current = results_with(12, 20);
    const Comparison c = compare(current, baseline);
    CHECK(check_gate(gate, stats::summarize(current), &c).pass);
  }
  SUBCASE("no baseline run: skipped") {
    const auto current = results_with(12, 20);
    const GateVerdict v = check_gate(gate, stats::summarize(current), nullptr);
    CHECK(v.pass);
    CHECK(v.checks[0].skipped);
    CHECK(v.checks[0].message == "skipped: no baseline run labelled main to compare with");
  }
}

TEST_CASE("eval::gate::check_gate: skew") {
  Gate gate;
  gate.skew = SkewGate{"runs:support", "7d", ""};
  const auto results = results_with(1, 1);
  SUBCASE("the caller's verdict is reported") {
    const SkewCheck skew{false, "3 of 5 features drifted (share 0.60 > 0.50)"};
    const GateVerdict v = check_gate(gate, stats::summarize(results), nullptr, &skew);
    CHECK_FALSE(v.pass);
    CHECK(v.checks[0].name == "skew");
    CHECK(v.checks[0].message == skew.message);
  }
  SUBCASE("no verdict computed: skipped") {
    const GateVerdict v = check_gate(gate, stats::summarize(results), nullptr);
    CHECK(v.pass);
    CHECK(v.checks[0].skipped);
  }
}
