// StreamingCompare: the same comparison as compare() when fed one case at a
// time, with only the worst cases of each change kept.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "eval/gate/compare.hpp"
#include "eval/gate/compare_stream.hpp"
#include "result_builders.hpp"

using namespace genops::eval;
using namespace genops::eval::gate;
using genops::eval::testing::make_assertion;
using genops::eval::testing::make_result;

namespace {

// 40 cases x 2 providers x 3 repeats, passing and scoring in patterns that
// give every kind of change; a metric with ties and a second one on some cases.
std::vector<CaseResult> results(int shift) {
  std::vector<CaseResult> out;
  for (int i = 0; i < 40; ++i)
    for (const char* provider : {"a", "b"})
      for (int repeat = 0; repeat < 3; ++repeat) {
        if (shift == 0 && i == 39) continue;  // only in the current run
        if (shift == 1 && i == 0) continue;   // only in the baseline
        // A majority passes when i % 3 != 0; the current run flips every i % 5 == 0.
        bool pass = ((i % 3 != 0) != (repeat == 2 && i % 2 == 0)) != (shift == 1 && i % 5 == 0);
        auto r = make_result("case-" + std::to_string(100 + i), pass, repeat, provider);
        r.case_index = i;
        r.score = ((i * 13 + repeat * 5 + shift * 3) % 10) / 10.0;
        r.assertions.push_back(make_assertion("similar", pass, ((i + shift * repeat) % 5) / 4.0, pass ? "" : "too far"));
        if (i % 4 == 0) r.assertions.push_back(make_assertion("rouge-l", pass, (i % 7 + shift) / 8.0));
        out.push_back(r);
      }
  return out;
}

// Feeds the two result lists (each in key order) to a StreamingCompare.
StreamingCompare streamed(const std::vector<CaseResult>& current, const std::vector<CaseResult>& baseline, std::size_t keep) {
  auto sides = [](const std::vector<CaseResult>& rows, bool reasons) {
    std::map<std::pair<std::string, std::string>, CaseSide> out;
    for (const auto& r : rows) out[{r.case_key, r.provider}].add(r, reasons);
    return out;
  };
  auto now = sides(current, true), before = sides(baseline, false);
  StreamingCompare s(keep);
  for (const auto& [id, side] : before)
    if (!now.contains(id)) s.add_only_baseline();
  for (const auto& [id, side] : now) {
    auto old = before.find(id);
    if (old == before.end()) s.add_only_current();
    else s.add_pair(old->second, side);
  }
  return s;
}

}  // namespace

TEST_CASE("eval::gate::StreamingCompare: the comparison compare() computes from whole runs") {
  auto baseline = results(0), current = results(1);
  const Comparison whole = compare(current, baseline);
  auto s = streamed(current, baseline, 1000);
  const Comparison c = s.finish();
  CHECK(c.joined == whole.joined);
  CHECK(c.only_current == whole.only_current);
  CHECK(c.only_baseline == whole.only_baseline);
  CHECK(c.new_failures == whole.new_failures);
  CHECK(c.fixed == whole.fixed);
  CHECK(c.new_failures > 0);
  CHECK(c.fixed > 0);
  CHECK(c.baseline_pass_rate == doctest::Approx(whole.baseline_pass_rate));
  CHECK(c.current_pass_rate == doctest::Approx(whole.current_pass_rate));
  CHECK(c.p_value == doctest::Approx(whole.p_value));
  REQUIRE(c.metrics.size() == 2);
  REQUIRE(whole.metrics.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(c.metrics[i].name == whole.metrics[i].name);
    CHECK(c.metrics[i].pairs == whole.metrics[i].pairs);
    CHECK(c.metrics[i].baseline_mean == doctest::Approx(whole.metrics[i].baseline_mean));
    CHECK(c.metrics[i].current_mean == doctest::Approx(whole.metrics[i].current_mean));
    CHECK(c.metrics[i].p_value == doctest::Approx(whole.metrics[i].p_value));
  }
  REQUIRE(c.cases.size() == whole.cases.size());
  for (std::size_t i = 0; i < c.cases.size(); ++i) {
    CAPTURE(i);
    CHECK(c.cases[i].case_key == whole.cases[i].case_key);
    CHECK(c.cases[i].provider == whole.cases[i].provider);
    CHECK(c.cases[i].change == whole.cases[i].change);
    CHECK(c.cases[i].reasons == whole.cases[i].reasons);
  }
}

TEST_CASE("eval::gate::StreamingCompare: keeps the worst cases of each change and counts them all") {
  auto baseline = results(0), current = results(1);
  const Comparison whole = compare(current, baseline);
  auto s = streamed(current, baseline, 2);
  const Comparison c = s.finish();
  std::map<Change, std::vector<std::string>> expected;
  std::map<Change, std::int64_t> counts;
  for (const auto& k : whole.cases) {
    ++counts[k.change];
    if (expected[k.change].size() < 2) expected[k.change].push_back(k.case_key + "/" + k.provider);
  }
  std::map<Change, std::vector<std::string>> kept;
  for (const auto& k : c.cases) kept[k.change].push_back(k.case_key + "/" + k.provider);
  CHECK(kept == expected);
  for (auto change : {Change::new_failure, Change::fixed, Change::still_failing, Change::still_passing}) {
    CAPTURE(change_name(change));
    CHECK(s.total(change) == counts[change]);
  }
  CHECK(c.new_failures == counts[Change::new_failure]);
}
