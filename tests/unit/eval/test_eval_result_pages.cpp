#include <doctest/doctest.h>

#include "tests/support/store_backends.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/lineage/store.hpp"
#include "eval/skew/store/skew_reports.hpp"
#include "eval/store/eval_queries.hpp"
#include "eval/store/eval_result_pages.hpp"
#include "eval/store/eval_store.hpp"
#include "eval/store/run_compare.hpp"
#include "eval/gate/compare.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::eval;
using genops::core::lineage::Store;
using namespace genops::eval::skew;

namespace {

// Run `id` of eval "alpha" with 20 results: cases k00..k09 on providers a and
// b; every third result fails, every fifth errors; score and latency vary.
// Results from..to-1 only, as shard `shard` of `shards` of run "big" when shards > 0.
void write_run(const std::string& location, const std::string& id, int flip, int from = 0, int to = 20,
               int shard = 0, int shards = 0) {
  EvalStore evals(location);
  EvalRunRecord run;
  run.id = id;
  run.suite = "alpha";
  run.target = "t";
  run.started_at = "2026-12-05T00:00:0" + std::to_string(flip) + ".000Z";
  if (shards > 0) {
    run.run_name = "big";
    run.shard_index = shard;
    run.shard_count = shards;
  }
  evals.begin_run(run);
  std::vector<CaseResult> results;
  for (int i = from; i < to; ++i) {
    CaseResult r;
    r.case_key = "k0" + std::to_string(i / 2);
    r.provider = i % 2 ? "b" : "a";
    r.case_index = i / 2;
    r.pass = (i + flip) % 3 != 0;
    r.error = i % 5 == 0 ? "boom" : "";
    r.score = (i * 7 % 20) / 20.0;
    r.latency_ms = (i * 13) % 17;
    r.vars["q"] = i == 7 ? "needle" : "hay";
    r.output = i == 12 ? "a Needle" : "out";
    results.push_back(r);
  }
  evals.write_results(id, results);
}

std::vector<std::string> keys(const ResultPage& page) {
  std::vector<std::string> out;
  for (const auto& r : page.rows) out.push_back(r.case_key + "/" + r.provider);
  return out;
}

}  // namespace

TEST_CASE("eval::eval_result_page: filters, sorts and pages in the store, on both backends") {
  genops::test::TempDir dir;
  for (const auto& backend : genops::test::store_backends(dir)) {
    CAPTURE(backend.name);
    Store store(backend.location);
    write_run(backend.location, "00000000000000a1", 0);
    write_run(backend.location, "00000000000000a2", 1);
    auto& db = store.db();

    ResultFilter all;
    all.limit = 3;
    auto first = eval_result_page(db, "00000000000000a1", all);
    CHECK(keys(first) == std::vector<std::string>{"k00/a", "k00/b", "k01/a"});
    CHECK(first.more);
    all.offset = 18;
    auto last = eval_result_page(db, "00000000000000a1", all);
    CHECK(keys(last) == std::vector<std::string>{"k09/a", "k09/b"});
    CHECK_FALSE(last.more);

    ResultFilter failed;
    failed.status = "failed";
    failed.provider = "b";
    // i odd (provider b) and i % 3 == 0: i = 3, 9, 15.
    CHECK(keys(eval_result_page(db, "00000000000000a1", failed)) == std::vector<std::string>{"k01/b", "k04/b", "k07/b"});

    ResultFilter errored;
    errored.status = "errored";
    CHECK(keys(eval_result_page(db, "00000000000000a1", errored)) ==
          std::vector<std::string>{"k00/a", "k02/b", "k05/a", "k07/b"});

    ResultFilter changed;
    changed.status = "changed";
    changed.baseline_run_id = "00000000000000a1";
    // pass differs where exactly one of i % 3 == 0, (i + 1) % 3 == 0 holds: all but i % 3 == 1.
    CHECK(eval_result_page(db, "00000000000000a2", changed).rows.size() == 13);
    changed.baseline_run_id.clear();
    CHECK_THROWS_AS(eval_result_page(db, "00000000000000a2", changed), genops::core::Error);

    ResultFilter by_score;
    by_score.sort = "-score";
    by_score.limit = 2;
    auto top = eval_result_page(db, "00000000000000a1", by_score);
    REQUIRE(top.rows.size() == 2);
    CHECK(top.rows[0].score >= top.rows[1].score);
    CHECK(top.rows[0].score == doctest::Approx(0.95));
    by_score.sort = "nonsense";
    CHECK_THROWS_AS(eval_result_page(db, "00000000000000a1", by_score), genops::core::Error);

    ResultFilter needle;
    needle.keep = [](std::string_view vars, std::string_view output) {
      return vars.find("\"q\":\"needle\"") != std::string_view::npos || output.find("Needle") != std::string_view::npos;
    };
    CHECK(keys(eval_result_page(db, "00000000000000a1", needle)) == std::vector<std::string>{"k03/b", "k06/a"});
    needle.offset = 1;
    CHECK(keys(eval_result_page(db, "00000000000000a1", needle)) == std::vector<std::string>{"k06/a"});
    needle.offset = 0;
    needle.scan_limit = 10;  // k03/b is row 8, k06/a row 13
    auto bounded = eval_result_page(db, "00000000000000a1", needle);
    CHECK(keys(bounded) == std::vector<std::string>{"k03/b"});
    CHECK(bounded.scan_exhausted);
    CHECK(bounded.scanned == 10);
    needle.scan_limit = 13;  // k06/a is the limit's last row: found, and the scan stops short after it
    CHECK(keys(eval_result_page(db, "00000000000000a1", needle)) == std::vector<std::string>{"k03/b", "k06/a"});
    CHECK(eval_result_page(db, "00000000000000a1", needle).scan_exhausted);
    needle.scan_limit = 1'000;  // every row examined: not exhausted
    CHECK_FALSE(eval_result_page(db, "00000000000000a1", needle).scan_exhausted);

    CHECK(eval_case_results(db, "00000000000000a1", "k04").size() == 2);
    auto runs = eval_run_page(db, "alpha", 1, 0);
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].id == "00000000000000a2");
    CHECK(eval_run_page(db, "", 10, 1).size() == 1);

    EvalStore evals(backend.location);
    evals.add_label("main", "alpha", "00000000000000a1", "ada");
    auto history = eval_label_history(db, "alpha", "");
    REQUIRE(history.size() == 1);
    CHECK(history[0].author == "ada");
  }
}

// Every row `spec` selects, read `chunk` rows per query, as case/provider/repeat.
std::vector<std::string> scanned(genops::core::lineage::Database& db, const std::string& run, ScanSpec spec, std::int64_t chunk) {
  spec.chunk = chunk;
  ResultScan scan(db, run, spec);
  std::vector<std::string> out;
  while (auto r = scan.next()) out.push_back(r->case_key + "/" + r->provider + "/" + std::to_string(r->repeat));
  return out;
}

TEST_CASE("eval::ResultScan: chunks continued after the last row give one query's rows, for every sort, on both backends") {
  genops::test::TempDir dir;
  for (const auto& backend : genops::test::store_backends(dir)) {
    CAPTURE(backend.name);
    Store store(backend.location);
    write_run(backend.location, "00000000000000a1", 0);
    write_run(backend.location, "00000000000000a2", 1);
    auto& db = store.db();
    // latency (i * 13) % 17 ties for i = 0/17, 1/18, 2/19: the key breaks them.
    for (const char* sort : {"key", "score", "-score", "latency", "-latency", "cost", "-cost"}) {
      for (const char* status : {"", "failed", "changed"}) {
        CAPTURE(sort);
        CAPTURE(status);
        ScanSpec spec{status, "", "00000000000000a1", sort};
        ResultFilter whole;
        whole.status = status;
        whole.baseline_run_id = "00000000000000a1";
        whole.sort = sort;
        whole.limit = 100;
        std::vector<std::string> expected;
        for (const auto& r : eval_result_page(db, "00000000000000a2", whole).rows)
          expected.push_back(r.case_key + "/" + r.provider + "/" + std::to_string(r.repeat));
        CHECK_FALSE(expected.empty());
        CHECK(scanned(db, "00000000000000a2", spec, 3) == expected);
        CHECK(scanned(db, "00000000000000a2", spec, 1) == expected);
        CHECK(scanned(db, "00000000000000a2", spec, 0) == expected);
      }
    }
    ScanSpec merged{"", "b", "", "key", false, true, 4};
    ResultScan texts_off(db, "00000000000000a1", merged);
    auto first = texts_off.next();
    REQUIRE(first);
    CHECK(first->case_key == "k00");
    CHECK(first->provider == "b");
    CHECK(first->output.empty());
    CHECK_FALSE(first->expected);
    CHECK(first->vars.value("q", "") == "hay");
    CHECK_THROWS_AS(ResultScan(db, "00000000000000a1", ScanSpec{"", "", "", "-key"}), genops::core::Error);
  }
}

TEST_CASE("eval::compare_runs: the gate's comparison of the two runs, read one case at a time, on both backends") {
  genops::test::TempDir dir;
  for (const auto& backend : genops::test::store_backends(dir)) {
    CAPTURE(backend.name);
    Store store(backend.location);
    write_run(backend.location, "00000000000000a1", 0);
    write_run(backend.location, "00000000000000a2", 1);
    auto& db = store.db();
    auto all = [&](const std::string& run) {
      ResultFilter f;
      f.limit = 1000;
      auto rows = eval_result_page(db, run, f).rows;
      for (auto& r : rows) r.output.clear();
      return rows;
    };
    auto whole = genops::eval::gate::compare(all("00000000000000a2"), all("00000000000000a1"));
    auto streamed = compare_runs(db, "00000000000000a1", "00000000000000a2", 3);
    const auto& c = streamed.comparison;
    CHECK(c.joined == 20);
    CHECK(c.joined == whole.joined);
    CHECK(c.new_failures == whole.new_failures);
    CHECK(c.fixed == whole.fixed);
    CHECK(c.p_value == doctest::Approx(whole.p_value));
    CHECK(c.current_pass_rate == doctest::Approx(whole.current_pass_rate));
    std::int64_t total = 0;
    for (auto n : streamed.totals) total += n;
    CHECK(total == 20);
    CHECK(streamed.totals[0] == whole.new_failures);
    REQUIRE_FALSE(c.cases.empty());
    CHECK(c.cases[0].case_key == whole.cases[0].case_key);
    CHECK(c.cases[0].provider == whole.cases[0].provider);
  }
}

TEST_CASE("eval::compare_runs: a sharded run's shards are merged in one key order, on both backends") {
  genops::test::TempDir dir;
  for (const auto& backend : genops::test::store_backends(dir)) {
    CAPTURE(backend.name);
    Store store(backend.location);
    write_run(backend.location, "00000000000000a1", 0);
    write_run(backend.location, "00000000000000a2", 1);
    // The same results as a2, in two shards whose primary-key order is not the
    // key order (shard b1 holds k05..k09, b2 k00..k04), and their whole run b0.
    write_run(backend.location, "00000000000000b0", 1, 0, 0, 0, 2);
    write_run(backend.location, "00000000000000b1", 1, 10, 20, 1, 2);
    write_run(backend.location, "00000000000000b2", 1, 0, 10, 2, 2);
    auto& db = store.db();
    ScanSpec merged{"", "", "", "key", false, true, 3};
    std::vector<std::string> keys_in_order;
    ResultScan scan(db, "00000000000000b0", merged);
    while (auto r = scan.next()) keys_in_order.push_back(r->case_key + "/" + r->provider);
    REQUIRE(keys_in_order.size() == 20);
    CHECK(std::is_sorted(keys_in_order.begin(), keys_in_order.end()));
    auto whole = compare_runs(db, "00000000000000a1", "00000000000000a2", 100);
    auto sharded = compare_runs(db, "00000000000000a1", "00000000000000b0", 100);
    CHECK(sharded.comparison.joined == 20);
    CHECK(sharded.comparison.only_current == 0);
    CHECK(sharded.comparison.new_failures == whole.comparison.new_failures);
    CHECK(sharded.comparison.fixed == whole.comparison.fixed);
    REQUIRE(sharded.comparison.cases.size() == whole.comparison.cases.size());
    for (std::size_t i = 0; i < whole.comparison.cases.size(); ++i)
      CHECK(sharded.comparison.cases[i].case_key == whole.comparison.cases[i].case_key);
  }
}

TEST_CASE("eval::skew::record_skew_report: kept whole, listed newest first without the JSON") {
  genops::test::TempDir dir;
  for (const auto& backend : genops::test::store_backends(dir)) {
    CAPTURE(backend.name);
    Store store(backend.location);
    SkewReportRecord a{"00000000000000s1", "2026-12-05T00:00:01.000Z", "file:a.jsonl", "runs:x", true, 3, 2,
                       R"({"features":[]})", "abc", "h"};
    SkewReportRecord b = a;
    b.id = "00000000000000s2";
    b.created_at = "2026-12-05T00:00:02.000Z";
    b.drift = false;
    record_skew_report(store.db(), a);
    record_skew_report(store.db(), b);
    auto listed = list_skew_reports(store.db(), 10, 0);
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].id == "00000000000000s2");
    CHECK(listed[0].report_json.empty());
    CHECK(listed[1].drift);
    CHECK(listed[1].drifted == 2);
    auto found = find_skew_report(store.db(), "00000000000000s1");
    REQUIRE(found);
    CHECK(found->report_json == R"({"features":[]})");
    CHECK_FALSE(find_skew_report(store.db(), "nope"));
  }
}

TEST_CASE("core::random_hex: the requested length, hex, different each time") {
  auto a = genops::core::random_hex(16), b = genops::core::random_hex(16);
  CHECK(a.size() == 32);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a != b);
  CHECK(genops::core::random_hex(0).empty());
}
