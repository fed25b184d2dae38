#include <doctest/doctest.h>

#include "tests/support/store_backends.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include "core/lineage/eval_queries.hpp"
#include "core/lineage/eval_store.hpp"
#include "core/lineage/run_owner.hpp"
#include "core/lineage/run_queries.hpp"
#include "core/lineage/run_recorder.hpp"
#include "core/lineage/store.hpp"
#include "core/lineage/store_admin.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::core::lineage;

namespace {

// The pid of a child that has exited and been reaped: no process has it now
// (until the kernel reuses it, which the start time then tells apart).
std::int64_t gone_pid() {
  pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

void insert_run(Store& store, const std::string& id, const std::string& kind, const std::string& status,
                const RunOwner& owner) {
  store.db()
      .prepare("INSERT INTO runs(id, kind, name, version, status, started_at, host, owner_pid, owner_start) "
               "VALUES(?1, ?2, 'c', 'v', ?3, ?1, ?4, ?5, ?6)")
      .bind(1, id).bind(2, kind).bind(3, status).bind(4, owner.host).bind(5, owner.pid).bind(6, owner.start)
      .run();
}

}  // namespace

TEST_CASE("lineage::owner_gone: a dead or reused pid on this host, never another host's") {
  const auto& me = this_process();
  CHECK(me.pid == getpid());
  CHECK(me.start > 0);
  CHECK_FALSE(owner_gone(me));
  CHECK(owner_gone({me.host, gone_pid(), me.start}));
  CHECK(owner_gone({me.host, me.pid, me.start + 1}));  // the pid was reused by another process
  CHECK_FALSE(owner_gone({"another-host", gone_pid(), 1}));
  CHECK_FALSE(owner_gone({me.host, 0, 0}));  // recorded before migration 7: unknown
  CHECK(effective_status("running", {me.host, gone_pid(), 1}) == "abandoned");
  CHECK(effective_status("failed", {me.host, gone_pid(), 1}) == "failed");
  CHECK(effective_status("running", me) == "running");
}

TEST_CASE("lineage::list_runs: abandoned runs are listed, filtered and counted apart from running ones") {
  genops::test::TempDir dir;
  Store store(dir.path() / "genops.db");
  const auto& me = this_process();
  insert_run(store, "2026-01-01T00:00:01Z", "chain", "running", me);
  insert_run(store, "2026-01-01T00:00:02Z", "chain", "running", {me.host, gone_pid(), me.start});
  insert_run(store, "2026-01-01T00:00:03Z", "judge", "running", {"elsewhere", gone_pid(), 5});
  insert_run(store, "2026-01-01T00:00:04Z", "chain", "succeeded", me);

  RunFilter abandoned;
  abandoned.status = "abandoned";
  auto runs = list_runs(store, abandoned);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].run.id == "2026-01-01T00:00:02Z");
  CHECK(runs[0].end.status == "abandoned");
  CHECK(find_run(store, "last").end.status == "succeeded");

  RunFilter running;
  running.status = "running";
  running.limit = 1;
  runs = list_runs(store, running);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].run.id == "2026-01-01T00:00:03Z");  // another host's run is never called abandoned

  RunFilter judges;
  judges.kind = "judge";
  CHECK(list_runs(store, judges).size() == 1);

  auto info = describe_store(store);
  using Counts = std::vector<std::pair<std::string, std::int64_t>>;
  CHECK(info.runs_by_status == Counts{{"abandoned", 1}, {"running", 2}, {"succeeded", 1}});
}

TEST_CASE("lineage::RunRecorder and EvalStore: record this process as the owner") {
  genops::test::TempDir dir;
  auto path = dir.path() / "genops.db";
  Store store(path);
  {
    RunRecorder recorder(path);
    RunRecord run;
    run.id = "00000000000000aa";
    run.name = "c";
    run.started_at = "2026-01-01T00:00:00Z";
    run.host = this_process().host;
    recorder.begin_run(run);
    recorder.flush();
  }
  {
    auto owner = store.db().prepare("SELECT owner_pid, owner_start, host FROM runs");
    REQUIRE(owner.step());
    CHECK(owner.integer(0) == this_process().pid);
    CHECK(owner.integer(1) == this_process().start);
  }

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

TEST_CASE("lineage::EvalStore::last_run: the newest run of that eval, not of any eval (both backends)") {
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

TEST_CASE("lineage::list_eval_runs: totals, and the labels each run holds now (both backends)") {
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
  std::vector<EvalResultRecord> results(3);
  for (int i = 0; i < 3; ++i) {
    results[static_cast<std::size_t>(i)].eval_run_id = "00000000000000a1";
    results[static_cast<std::size_t>(i)].case_key = "k" + std::to_string(i);
    results[static_cast<std::size_t>(i)].pass = i != 0;
  }
  evals.write_results(results);
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
