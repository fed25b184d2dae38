#include <doctest/doctest.h>

#include "chains/store/run_queries.hpp"
#include "chains/store/run_recorder.hpp"
#include "core/lineage/run_owner.hpp"
#include "core/lineage/store.hpp"
#include "tests/support/gone_pid.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::chains;
using namespace genops::core::lineage;
using genops::test::gone_pid;

namespace {

void insert_run(Store& store, const std::string& id, const std::string& kind, const std::string& status,
                const RunOwner& owner) {
  store.db()
      .prepare("INSERT INTO runs(id, kind, name, version, status, started_at, host, owner_pid, owner_start) "
               "VALUES(?1, ?2, 'c', 'v', ?3, ?1, ?4, ?5, ?6)")
      .bind(1, id).bind(2, kind).bind(3, status).bind(4, owner.host).bind(5, owner.pid).bind(6, owner.start)
      .run();
}

}  // namespace

TEST_CASE("chains::list_runs: abandoned runs are listed, filtered and counted apart from running ones") {
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

  using Counts = std::vector<std::pair<std::string, std::int64_t>>;
  CHECK(count_runs_by_status(store) == Counts{{"abandoned", 1}, {"running", 2}, {"succeeded", 1}});
}

TEST_CASE("chains::RunRecorder: records this process as the owner") {
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

}
