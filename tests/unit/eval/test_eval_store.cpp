#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <tuple>
#include <vector>

#include "core/lineage/run_owner.hpp"
#include "core/lineage/store.hpp"
#include "eval/store/eval_queries.hpp"
#include "eval/store/eval_store.hpp"
#include "tests/support/gone_pid.hpp"
#include "tests/support/store_backends.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::eval;
using namespace genops::core::lineage;
using genops::test::gone_pid;

namespace {

std::int64_t count(Database& db, const std::string& sql) {
  auto stmt = db.prepare(sql);
  stmt.step();
  return stmt.integer(0);
}

}  // namespace

TEST_CASE("eval::EvalStore: records this process as the owner; a gone owner reads as abandoned") {
  genops::test::TempDir dir;
  auto path = dir.path() / "genops.db";
  Store store(path);
  EvalStore evals(path);
  EvalRunRecord run;
  run.id = "00000000000000bb";
  run.suite = "s";
  run.target = "t";
  run.started_at = "2026-01-01T00:00:00Z";
  run.host = this_process().host;
  evals.begin_run(run);
  auto found = evals.find_run(run.id);
  REQUIRE(found);
  CHECK(found->owner_pid == this_process().pid);
  CHECK(found->status == "running");
  store.db().exec("UPDATE eval_runs SET owner_pid = " + std::to_string(gone_pid()));
  CHECK(evals.find_run(run.id)->status == "abandoned");
  evals.reopen_run(run.id);  // --resume: this process owns it again
  CHECK(evals.find_run(run.id)->status == "running");
}

TEST_CASE("eval::EvalStore::last_run: the newest run of that eval, not of any eval (both backends)") {
  genops::test::TempDir dir;
  for (const auto& backend : genops::test::store_backends(dir)) {
  CAPTURE(backend.name);
  std::filesystem::path path = backend.location;
  Store store(path);
  EvalStore evals(path);
  for (const auto& [id, suite, started] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"00000000000000a1", "alpha", "2026-01-01T00:00:01Z"},
           {"00000000000000b1", "beta", "2026-01-01T00:00:02Z"}}) {
    EvalRunRecord run;
    run.id = id;
    run.suite = suite;
    run.target = "t";
    run.started_at = started;
    evals.begin_run(run);
  }
  CHECK(evals.last_run("alpha")->id == "00000000000000a1");
  CHECK(evals.find_run("last")->id == "00000000000000b1");
  CHECK_FALSE(evals.last_run("gamma"));
  }
}

TEST_CASE("eval::list_eval_runs: totals, and the labels each run holds now (both backends)") {
  genops::test::TempDir dir;
  for (const auto& backend : genops::test::store_backends(dir)) {
  CAPTURE(backend.name);
  std::filesystem::path path = backend.location;
  Store store(path);
  EvalStore evals(path);
  for (const auto& [id, started] : std::vector<std::pair<std::string, std::string>>{
           {"00000000000000a1", "2026-01-01T00:00:01Z"}, {"00000000000000a2", "2026-01-01T00:00:02Z"}}) {
    EvalRunRecord run;
    run.id = id;
    run.suite = "alpha";
    run.target = "t";
    run.started_at = started;
    evals.begin_run(run);
  }
  std::vector<CaseResult> results(3);
  for (int i = 0; i < 3; ++i) {
    results[static_cast<std::size_t>(i)].case_key = "k" + std::to_string(i);
    results[static_cast<std::size_t>(i)].pass = i != 0;
  }
  evals.write_results("00000000000000a1", results);
  evals.add_label("main", "alpha", "00000000000000a1");
  evals.add_label("stable", "alpha", "00000000000000a1");
  evals.add_label("main", "alpha", "00000000000000a2");  // moved: a1 keeps only "stable"

  auto runs = list_eval_runs(store.db(), "alpha", 10);
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].run.id == "00000000000000a2");
  CHECK(runs[0].labels == std::vector<std::string>{"main"});
  CHECK(runs[1].labels == std::vector<std::string>{"stable"});
  CHECK(runs[1].results == 3);
  CHECK(runs[1].passes == 2);
  CHECK(runs[1].cases == 3);
  CHECK(list_eval_runs(store.db(), "beta", 10).empty());
  CHECK(evals.run_for_label("alpha", "main") == "00000000000000a2");
  auto history = eval_label_history(store.db(), "alpha", "main");
  REQUIRE(history.size() == 2);
  CHECK(history[0].run_id == "00000000000000a1");
  }
}

TEST_CASE("eval::EvalStore on PostgreSQL: concurrent writers of overlapping keys never fail and never duplicate") {
  auto url = genops::test::new_postgresql_database();
  Store store(url);
  EvalStore setup(url);
  EvalRunRecord run;
  run.id = "00000000000000c1";
  run.suite = "s";
  run.target = "t";
  run.started_at = "2026-01-01T00:00:00Z";
  setup.begin_run(run);
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      try {
        EvalStore evals(url);
        for (int batch = 0; batch < 5; ++batch) {
          std::vector<CaseResult> results(40);
          for (int i = 0; i < 40; ++i) {
            auto& r = results[static_cast<std::size_t>(i)];
            r.case_key = "k" + std::to_string((w * 20 + batch * 40 + i) % 300);
            r.pass = true;
            r.output = "same";
          }
          evals.write_results(run.id, results);
        }
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& t : writers) t.join();
  CHECK(failures == 0);
  CHECK(count(store.db(), "SELECT COUNT(*) FROM eval_results") ==
        count(store.db(), "SELECT COUNT(DISTINCT case_key) FROM eval_results"));
  CHECK(count(store.db(), "SELECT COUNT(*) FROM eval_results") == 260);
}

TEST_CASE("eval::EvalStore: results are written and read back as eval's own CaseResult (both backends)") {
  genops::test::TempDir dir;
  for (const auto& backend : genops::test::store_backends(dir)) {
    CAPTURE(backend.name);
    std::filesystem::path path = backend.location;
    Store store(path);
    EvalStore evals(path);
    EvalRunRecord run;
    run.id = "00000000000000d1";
    run.suite = "s";
    run.target = "t";
    run.started_at = "2026-01-01T00:00:00Z";
    evals.begin_run(run);

    CaseResult full;
    full.case_key = "k1";
    full.case_index = 1;
    full.description = "refunds";
    full.provider = "gpt";
    full.repeat = 2;
    full.vars = {{"question", "How do refunds work?"}, {"n", 3}};
    full.expected = "30 days";
    full.output = "Within 30 days.";
    full.run_id = "00000000000000e1";
    full.pass = false;
    full.score = 0.25;
    full.error = "";
    full.latency_ms = 12;
    full.input_tokens = 7;
    full.output_tokens = 5;
    full.cost_usd = 0.5;
    full.cached = true;
    full.assertions = {{"icontains", "icontains", true, std::nullopt, std::nullopt, 1, "", false},
                       {"rougeL", "rougeL", false, 0.25, 0.5, 2, "score 0.25 < 0.5", false},
                       {"llm-rubric", "llm-rubric", false, std::nullopt, std::nullopt, 1, "judge said: ?", true}};
    CaseResult bare;  // no expected, no vars, no assertions
    bare.case_key = "k0";
    bare.pass = true;
    evals.write_results(run.id, std::vector<CaseResult>{full, bare});
    evals.write_results(run.id, std::vector<CaseResult>{full});  // the same key again is kept once

    std::vector<CaseResult> back;
    evals.for_each_result(run.id, [&](CaseResult r) { back.push_back(std::move(r)); });
    REQUIRE(back.size() == 2);
    CHECK(back[0].case_key == "k0");
    CHECK_FALSE(back[0].expected);
    CHECK(back[0].vars == nlohmann::json::object());
    CHECK(back[0].assertions.empty());
    CHECK(back[0].pass);
    const auto& r = back[1];
    CHECK(r.case_key == "k1");
    CHECK(r.case_index == 1);
    CHECK(r.description == "refunds");
    CHECK(r.provider == "gpt");
    CHECK(r.repeat == 2);
    CHECK(r.vars == full.vars);
    CHECK(r.expected == std::optional<std::string>("30 days"));
    CHECK(r.output == "Within 30 days.");
    CHECK(r.run_id == "00000000000000e1");
    CHECK_FALSE(r.pass);
    CHECK(r.score == 0.25);
    CHECK(r.latency_ms == 12);
    CHECK(r.input_tokens == 7);
    CHECK(r.output_tokens == 5);
    CHECK(r.cost_usd == 0.5);
    CHECK(r.cached);
    REQUIRE(r.assertions.size() == 3);
    CHECK(r.assertions[0].type == "icontains");
    CHECK(r.assertions[0].pass);
    CHECK_FALSE(r.assertions[0].score);
    CHECK(r.assertions[1].score == 0.25);
    CHECK(r.assertions[1].threshold == 0.5);
    CHECK(r.assertions[1].weight == 2);
    CHECK(r.assertions[1].reason == "score 0.25 < 0.5");
    CHECK(r.assertions[2].error);
  }
}
