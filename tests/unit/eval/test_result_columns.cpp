#include <doctest/doctest.h>

#include <limits>

#include "eval/store/result_columns.hpp"
#include "core/error.hpp"

using namespace genops::eval;

TEST_CASE("eval::assertions_json: compact; metric and weight only when they differ from the defaults") {
  std::vector<AssertionResult> list = {{"icontains", "icontains", true, 1.0, std::nullopt, 1, "", false},
                                       {"rouge1", "rouge1", true, 0.75, 0.5, 1, "", false}};
  CHECK(assertions_json(list) ==
        R"([{"type":"icontains","pass":true,"score":1},{"type":"rouge1","pass":true,"score":0.75,"threshold":0.5}])");
  CHECK(assertions_json({}) == "[]");
}

TEST_CASE("eval::assertions_json: every field round-trips through parse_assertions, odd text too") {
  std::vector<AssertionResult> list = {
      {"not-contains", "contains", false, std::nullopt, std::nullopt, 2.5, "found \"x\"\n\\ \xc3\xa9 \x01", false},
      {"llm-rubric", "tone", false, 0.1, 0.7, 1, "judge said: \xff?", true},
      {"latency", "latency", true, std::numeric_limits<double>::quiet_NaN(), 1e-9, 0.3, "", false}};
  auto back = parse_assertions(assertions_json(list));
  REQUIRE(back.size() == 3);
  CHECK(back[0].type == "not-contains");
  CHECK(back[0].metric == "contains");
  CHECK_FALSE(back[0].pass);
  CHECK_FALSE(back[0].score);
  CHECK(back[0].weight == 2.5);
  CHECK(back[0].reason == "found \"x\"\n\\ \xc3\xa9 \x01");
  CHECK(back[1].metric == "tone");
  CHECK(back[1].score == 0.1);
  CHECK(back[1].threshold == 0.7);
  CHECK(back[1].reason == "judge said: \xef\xbf\xbd?");  // invalid UTF-8 replaced
  CHECK(back[1].error);
  CHECK_FALSE(back[2].score);  // NaN is kept as no score
  CHECK(back[2].threshold == 1e-9);
  CHECK(back[2].weight == 0.3);
}

TEST_CASE("eval::parse_assertions: rows written before (metric and weight always there) read the same") {
  auto back = parse_assertions(R"([{"metric":"icontains","pass":true,"score":1.0,"type":"icontains","weight":1.0}])");
  REQUIRE(back.size() == 1);
  CHECK(back[0].metric == "icontains");
  CHECK(back[0].weight == 1);
  CHECK(back[0].score == 1);
  CHECK_THROWS_WITH_AS(parse_assertions("{}"), "eval_results.assertions is not a JSON list", genops::core::Error);
}
