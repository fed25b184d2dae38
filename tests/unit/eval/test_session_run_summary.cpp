#include <doctest/doctest.h>

#include "eval/session/run_summary.hpp"

using namespace genops::eval;

namespace {

stats::Summary sample_summary() {
  stats::Summary s;
  s.results = 7;
  s.passes = 5;
  s.errors = 1;
  s.pass_rate = 5.0 / 7;
  s.cases = 7;
  s.metrics.push_back({});
  s.metrics.back().name = "rougeL";
  s.metrics.back().mean = 0.5;
  s.metrics.back().count = 7;
  s.usage.cost_usd = 0.25;
  s.usage.input_tokens = 70;
  s.usage.output_tokens = 35;
  s.usage.latency_p50_ms = 12;
  s.usage.latency_p95_ms = 40.5;
  return s;
}

}  // namespace

TEST_CASE("eval::session::RunSummary::to_json: the keys evals list, show and prompt diff --scores read") {
  auto stored = session::RunSummary::of(sample_summary());
  stored.baseline = "";
  stored.gate_failures = "";
  const auto j = stored.to_json();
  CHECK(j.dump() ==
        "{\"baseline\":\"\",\"cases\":7,\"cost_usd\":0.25,\"errors\":1,\"gate_failures\":\"\",\"input_tokens\":70,"
        "\"latency_p50_ms\":12.0,\"latency_p95_ms\":40.5,\"metrics\":{\"rougeL\":{\"count\":7,\"mean\":0.5}},"
        "\"output_tokens\":35,\"pass_rate\":0.7142857142857143,\"passes\":5,\"results\":7}");
}

TEST_CASE("eval::session::RunSummary::from_json: a round trip keeps every field and which optional keys were there") {
  auto stored = session::RunSummary::of(sample_summary());
  stored.shard = "2/4";
  const auto text = stored.to_json().dump();
  const auto back = session::RunSummary::from_json(text);
  CHECK(back.counted);
  CHECK(back.results == 7);
  CHECK(back.passes == 5);
  CHECK(back.errors == 1);
  CHECK(back.cases == 7);
  CHECK(back.metrics.at("rougeL").mean == 0.5);
  CHECK(back.metrics.at("rougeL").count == 7);
  CHECK(back.latency_p95_ms == 40.5);
  CHECK(back.shard == std::optional<std::string>("2/4"));
  CHECK_FALSE(back.baseline.has_value());
  CHECK_FALSE(back.gate_failures.has_value());
  CHECK(back.to_json().dump() == text);
}

TEST_CASE("eval::session::RunSummary::from_json: a failed run's, garbage and mistyped keys") {
  const auto failed = session::RunSummary::failed("provider gpt: HTTP 500");
  CHECK(failed.to_json().dump() == "{\"error\":\"provider gpt: HTTP 500\"}");
  const auto back = session::RunSummary::from_json(failed.to_json().dump());
  CHECK_FALSE(back.counted);
  CHECK(back.error == std::optional<std::string>("provider gpt: HTTP 500"));
  CHECK(session::RunSummary::from_json("").to_json().dump() == "{}");
  CHECK(session::RunSummary::from_json("[1,2]").to_json().dump() == "{}");
  const auto odd = session::RunSummary::from_json(R"({"results": "seven", "passes": 3, "metrics": {"m": 1}})");
  CHECK(odd.counted);
  CHECK(odd.results == 0);
  CHECK(odd.passes == 3);
  CHECK(odd.metrics.empty());
}

TEST_CASE("eval::session::gate_failures: the failed checks' messages, else names") {
  gate::GateVerdict verdict;
  verdict.pass = false;
  verdict.checks.push_back({"pass_rate", false, false, 0.5, 0.6, "pass rate 0.500 is below 0.600"});
  verdict.checks.push_back({"skew", true, false, 0, 0, "no drift"});
  verdict.checks.push_back({"baseline", false, false, 0, 0, ""});
  CHECK(session::gate_failures(verdict) == "pass rate 0.500 is below 0.600; baseline");
  CHECK(session::gate_failures({}).empty());
}
