#include <doctest/doctest.h>

#include <vector>

#include "core/error.hpp"
#include "eval/session/conclusion.hpp"
#include "fake_result_store.hpp"
#include "result_builders.hpp"

using namespace genops::eval;
using genops::eval::testing::FakeResultStore;
using genops::eval::testing::make_assertion;
using genops::eval::testing::make_result;

namespace {

void fill(FakeResultStore& store, const std::string& run_id, int cases, int passing_every) {
  std::vector<CaseResult> results;
  for (int i = 0; i < cases; ++i) {
    auto r = make_result("case-" + std::to_string(i), i % passing_every == 0);
    r.case_index = i;
    r.latency_ms = i;
    r.assertions.push_back(make_assertion("icontains", r.pass, std::nullopt, r.pass ? "" : "no \"refund\" in the output"));
    results.push_back(std::move(r));
  }
  store.write_results(run_id, results);
}

}  // namespace

TEST_CASE("eval::session::conclude: the streamed summary equals summarize() over every result, and keeps none") {
  FakeResultStore store;
  fill(store, "run", 50, 2);
  const auto c = session::conclude(store, "run", {"gpt", false, std::nullopt});
  const auto whole = stats::summarize(store.runs["run"]);
  CHECK(c.summary.results == whole.results);
  CHECK(c.summary.passes == 25);
  CHECK(c.summary.cases_all_passed == whole.cases_all_passed);
  CHECK(c.summary.usage.latency_p95_ms == whole.usage.latency_p95_ms);
  CHECK(c.results.empty());
  REQUIRE(c.summary.case_stats.size() == 10);  // the first failing cases only
  CHECK(c.summary.case_stats[0].case_key == "case-1");
  CHECK(c.summary.case_stats[0].provider == "gpt");  // results without a matrix provider are named
  CHECK(c.summary.case_stats[0].first_reason == "icontains: no \"refund\" in the output");
  CHECK_FALSE(c.comparison.has_value());
  CHECK_FALSE(c.all_failed);
  CHECK_NOTHROW(session::throw_if_all_failed(c));
}

TEST_CASE("eval::session::conclude: keep_results keeps every result and case; a baseline is compared") {
  FakeResultStore store;
  fill(store, "base", 20, 1);  // everything passed
  fill(store, "run", 20, 2);   // every other case fails now
  const auto c = session::conclude(store, "run", {"", true, std::string("base")});
  CHECK(c.results.size() == 20);
  CHECK(c.results[1].assertions[0].reason == "no \"refund\" in the output");
  CHECK(c.summary.case_stats.size() == 20);
  REQUIRE(c.comparison.has_value());
  CHECK(c.comparison->joined == 20);
  CHECK(c.comparison->new_failures == 10);

  const auto lean = session::conclude(store, "run", {"", false, std::string("base")});
  CHECK(lean.results.empty());
  REQUIRE(lean.comparison.has_value());
  CHECK(lean.comparison->new_failures == 10);
  CHECK(lean.comparison->cases.front().reasons == std::vector<std::string>{"icontains: no \"refund\" in the output"});
}

TEST_CASE("eval::session::throw_if_all_failed: every result failed on its target") {
  FakeResultStore store;
  std::vector<CaseResult> results{make_result("a", false), make_result("b", false)};
  results[0].error = "provider gpt: HTTP 500";
  results[1].error = "provider gpt: HTTP 503";
  results[1].case_index = 1;
  store.write_results("run", results);
  const auto c = session::conclude(store, "run", {});
  CHECK(c.all_failed);
  CHECK(c.first_error == "provider gpt: HTTP 500");
  try {
    session::throw_if_all_failed(c);
    FAIL("expected an error");
  } catch (const genops::core::Error& e) {
    CHECK(e.kind() == genops::core::ErrorKind::provider);
    CHECK(std::string(e.what()) == "every case failed on its target; first: provider gpt: HTTP 500");
  }
}
