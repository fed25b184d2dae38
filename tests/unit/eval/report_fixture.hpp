#pragma once
// A Report over hostile texts (markup, control characters, invalid UTF-8,
// formulas, mentions, ANSI escapes) for the writer tests.
#include <string>
#include <vector>

#include "eval/gate/compare.hpp"
#include "eval/gate/gate.hpp"
#include "eval/reports/report.hpp"
#include "eval/stats/summary.hpp"
#include "result_builders.hpp"

namespace genops::eval::testing {

inline const std::string k_hostile = "<script>alert(1)</script> ]]> & \"q\" 'a' |pipe| @octocat \x01\x1b[31mred\n"
                                     "line2 \xff end";

struct ReportFixture {
  std::vector<CaseResult> results;
  std::vector<CaseResult> baseline;
  reports::Report report;

  explicit ReportFixture(int cases = 4, int repeats = 2) {
    for (int i = 0; i < cases; ++i) {
      for (int r = 0; r < repeats; ++r) {
        const bool pass = i % 2 == 0 || r == 0;
        CaseResult res = make_result("case-" + std::to_string(i), pass, r, i % 2 == 0 ? "gpt" : "claude");
        res.case_index = i;
        res.description = i == 1 ? k_hostile : "";
        res.vars = {{"question", "How do I get a refund? </script><!--"}};
        res.expected = "=HYPERLINK(\"http://evil\")";
        res.output = i == 1 ? k_hostile : "Refunds take 14 days.";
        res.latency_ms = 100 + i * 10;
        res.cost_usd = 0.001;
        res.assertions.push_back(make_assertion("rougeL", pass, pass ? 0.7 : 0.2, pass ? "" : k_hostile));
        res.assertions.push_back(make_assertion("icontains", true));
        results.push_back(res);
        CaseResult before = res;
        before.pass = true;
        before.score = 1;
        baseline.push_back(before);
      }
    }
    report.results = results;
    report.summary = stats::summarize(results);
    report.comparison = gate::compare(results, baseline);
    Gate gate;
    gate.pass_rate = 0.9;
    gate.metrics["rougeL"].mean_min = 0.5;
    gate.baseline = BaselineGate{"main", "", 0.02, 0.05};
    report.verdict = gate::check_gate(gate, report.summary, &*report.comparison);
    report.run = {"eval-20261123-abc", "support-regression", "evals/support.yaml", "chain chains/support.yaml",
                  {"gpt", "claude"}, "2026-11-23T20:00:00.000Z", "2026-11-23T20:01:00.000Z", "0123456789abcdef",
                  "pr-42", "eval-20261122-main", std::nullopt};
  }
};

}  // namespace genops::eval::testing
