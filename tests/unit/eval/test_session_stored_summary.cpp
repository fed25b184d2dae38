#include <doctest/doctest.h>

#include "eval/session/stored_summary.hpp"

using namespace genops::eval;

TEST_CASE("eval::session::stored_summary: the keys evals list, show and prompt diff --scores read") {
  stats::Summary s;
  s.results = 7;
  s.passes = 5;
  s.pass_rate = 5.0 / 7;
  s.cases = 7;
  s.metrics.push_back({});
  s.metrics.back().name = "rougeL";
  s.metrics.back().mean = 0.5;
  s.metrics.back().count = 7;
  s.usage.cost_usd = 0.25;
  auto j = session::stored_summary(s);
  CHECK(j["results"] == 7);
  CHECK(j["passes"] == 5);
  CHECK(j["metrics"]["rougeL"]["mean"] == 0.5);
  CHECK(j["metrics"]["rougeL"]["count"] == 7);
  CHECK(j["cost_usd"] == 0.25);
  CHECK(j.contains("latency_p95_ms"));
}

TEST_CASE("eval::session::gate_failures and read_stored_verdict: a round trip") {
  gate::GateVerdict verdict;
  verdict.pass = false;
  verdict.checks.push_back({"pass_rate", false, false, 0.5, 0.6, "pass rate 0.500 is below 0.600"});
  verdict.checks.push_back({"skew", true, false, 0, 0, "no drift"});
  verdict.checks.push_back({"baseline", false, false, 0, 0, ""});
  CHECK(session::gate_failures(verdict) == "pass rate 0.500 is below 0.600; baseline");
  auto stored = session::stored_summary({});
  stored["baseline"] = "run-1";
  stored["gate_failures"] = session::gate_failures(verdict);
  auto back = session::read_stored_verdict(stored.dump());
  CHECK(back.baseline == "run-1");
  CHECK(back.gate_failures == "pass rate 0.500 is below 0.600; baseline");
  CHECK(session::read_stored_verdict("").baseline.empty());
  CHECK(session::read_stored_verdict("{\"error\": \"boom\"}").gate_failures.empty());
}
