#include <doctest/doctest.h>

#include "cli/prompt_scores.hpp"

using namespace genops::cli;
using genops::eval::session::RunSummary;

namespace {

ScoreSide side(const std::string& run, double pass_rate, double rouge) {
  RunSummary s;
  s.counted = true;
  s.results = 10;
  s.pass_rate = pass_rate;
  s.cost_usd = 0.5;
  s.latency_p50_ms = 100;
  s.metrics["rouge1"] = {rouge, 10};
  return {run, "2026-12-05T05:00:00Z", s};
}

}  // namespace

TEST_CASE("cli::score_deltas_json: b - a from the typed stored summaries, null where a side has no run") {
  std::vector<ScoreRow> rows;
  rows.push_back({"support", side("aaaa", 0.5, 0.25), side("bbbb", 0.75, 0.5)});
  rows.push_back({"billing", std::nullopt, side("cccc", 1.0, 1.0)});
  rows.back().b->summary.metrics.erase("rouge1");
  const auto j = score_deltas_json(rows);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["eval"] == "support");
  CHECK(j[0]["a"]["run"] == "aaaa");
  CHECK(j[0]["a"]["summary"]["pass_rate"] == 0.5);
  CHECK(j[0]["deltas"]["pass_rate"] == 0.25);
  CHECK(j[0]["deltas"]["cost_usd"] == 0.0);
  CHECK(j[0]["deltas"]["metrics"]["rouge1"] == 0.25);
  CHECK(j[1]["a"].is_null());
  CHECK(j[1]["deltas"].is_null());
  CHECK(j[1]["b"]["summary"]["metrics"].empty());
}
