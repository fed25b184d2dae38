#include <doctest/doctest.h>

#include "core/error.hpp"
#include "eval/suite/loader.hpp"
#include "tests/support/temp_dir.hpp"

using genops::core::Error;
using genops::eval::load_suite;

TEST_CASE("eval::load_suite: every section") {
  genops::test::TempDir dir;
  dir.write("chains/c.yaml", "version: 1\n");
  dir.write("data/d.csv", "q,expected\n");
  auto suite = load_suite(dir.write("evals/e.yaml", R"(version: 1
name: e
target: {chain: ../chains/c.yaml, output: answer}
providers: [a, b]
dataset: ../data/d.csv
vars: {question: q}
repeat: 3
defaults:
  judge: j
  threshold: 0.7
  assert:
    - {type: latency, threshold: 2s}
    - {type: not-icontains, value: sorry, weight: 2, metric: tone}
tests:
  - id: t1
    vars: {question: hi}
    expected: {a: 1}
    assert: [{type: rougeL, threshold: 0.4}]
gate:
  pass_rate: 0.9
  metrics: {rougeL: {mean_min: 0.45, mean_max: 1}}
  baseline: {label: main, max_drop: 0.02}
  skew: {current: "runs:c", since: 7d}
)"));
  CHECK(suite.name == "e");
  CHECK(suite.target.chain == dir.path() / "evals" / "../chains/c.yaml");
  CHECK(suite.target.output == "answer");
  CHECK(suite.providers == std::vector<std::string>{"a", "b"});
  CHECK(suite.var_map.at("question") == "q");
  CHECK(suite.repeat == 3);
  CHECK(suite.judge == "j");
  CHECK(*suite.case_threshold == 0.7);
  REQUIRE(suite.default_asserts.size() == 2);
  CHECK(*suite.default_asserts[0].threshold == 2000);  // latency in ms
  CHECK(suite.default_asserts[1].negate);
  CHECK(suite.default_asserts[1].type == "icontains");
  CHECK(suite.default_asserts[1].weight == 2);
  CHECK(suite.default_asserts[1].metric == "tone");
  REQUIRE(suite.tests.size() == 1);
  CHECK(*suite.tests[0].expected == "{\"a\":1}");  // a structured expected is kept as JSON text
  CHECK(*suite.gate.pass_rate == 0.9);
  CHECK(*suite.gate.metrics.at("rougeL").mean_min == 0.45);
  CHECK(suite.gate.baseline->label == "main");
  CHECK(suite.gate.skew->since == "7d");
  CHECK(suite.content_hash.size() == 64);
}

TEST_CASE("eval::load_suite: errors are located") {
  genops::test::TempDir dir;
  dir.write("c.yaml", "version: 1\n");
  auto fails = [&](const std::string& body) {
    try {
      load_suite(dir.write("e.yaml", "version: 1\nname: e\ntarget: {chain: c.yaml}\n" + body));
    } catch (const Error& e) {
      std::string what = e.what();
      return what.substr(what.find("e.yaml:"));  // after the temp dir
    }
    return std::string("no error");
  };
  CHECK(fails("tests:\n  - vars: {q: 1}\n    assert: [{type: rougeL, threshold: 1.5}]\n") ==
        "e.yaml:6:40: tests[0].assert[0].threshold: expected a threshold between 0 and 1, got 1.5");
  CHECK(fails("tests:\n  - vars: {q: 1}\n    assert: [{type: contains}]\n") ==
        "e.yaml:6:14: tests[0].assert[0]: assertion \"contains\" needs a `value:`");
  CHECK(fails("repeat: 0\ntests: [{vars: {q: 1}}]\n") == "e.yaml:4:9: repeat: expected a repeat count from 1 to 1000, got 0");
  CHECK(fails("providers: [a, a]\ntests: [{vars: {q: 1}}]\n") == "e.yaml:4:16: providers[1]: \"a\" is listed twice");
  CHECK(fails("gate: {metrics: {x: {mean_min: 0.9, mean_max: 0.1}}}\ntests: [{vars: {q: 1}}]\n") ==
        "e.yaml:4:21: gate.metrics.x: mean_min is above mean_max: no mean can pass");
  SUBCASE("metric options are checked at load (issue 11 A11)") {
    CHECK(fails("tests:\n  - vars: {q: 1}\n    assert: [{type: levenshtein, value: x, unit: token}]\n") ==
          "e.yaml:6:50: tests[0].assert[0].unit: expected codepoint or word, got \"token\"");
    CHECK(fails("tests:\n  - vars: {q: 1}\n    assert: [{type: levenshtein, value: x, processor: lower}]\n") ==
          "e.yaml:6:55: tests[0].assert[0].processor: expected none or default_process, got \"lower\"");
    CHECK(fails("tests:\n  - vars: {q: 1}\n    assert: [{type: chrf, value: x, beta: -1}]\n") ==
          "e.yaml:6:43: tests[0].assert[0].beta: expected a whole number from 0 to 1000, got -1");
    CHECK(fails("tests:\n  - vars: {q: 1}\n    assert: [{type: chrf, value: x, whitespace: true, char_order: 6}]\n") ==
          "no error");
  }
}
