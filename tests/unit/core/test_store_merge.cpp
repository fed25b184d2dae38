#include <doctest/doctest.h>

#include "core/prompt/prompt_store.hpp"
#include "core/lineage/store.hpp"
#include "core/lineage/store_merge.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::core::lineage;
using namespace genops::core::prompt;

namespace {

NewPromptVersion version(const std::string& name, const std::string& hash) {
  return {name, hash, "{\"h\":\"" + hash + "\"}", "source " + hash, "p.yaml", "msg " + hash, "tester"};
}

// An eval run `id` with `n` results whose output is `output`, written with
// plain SQL: core's merge knows the tables, not eval's store.
void add_eval_run(Store& store, const std::string& id, int n, const std::string& output) {
  auto& db = store.db();
  Transaction tx(db);
  db.prepare("INSERT INTO eval_runs (id, suite, target, status, started_at) VALUES (?1, 'support', 'chain:c.yaml', "
             "'running', '2026-12-05T02:00:00Z')")
      .bind(1, id)
      .run();
  db.prepare("INSERT INTO eval_prompt_versions (eval_run_id, prompt, version) VALUES (?1, 'p', 1)").bind(1, id).run();
  auto insert = db.prepare(
      "INSERT INTO eval_results (eval_run_id, case_key, repeat, case_index, output, pass) VALUES (?1, ?2, 0, ?3, ?4, 0)");
  for (int i = 0; i < n; ++i) {
    insert.bind(1, id).bind(2, "case-" + std::to_string(i)).bind(3, std::int64_t{i}).bind(4, output).run();
    insert.reset();
  }
  tx.commit();
}

std::int64_t count(Store& store, const std::string& table) {
  auto q = store.db().prepare("SELECT COUNT(*) FROM " + table);
  q.step();
  return q.integer(0);
}

}  // namespace

TEST_CASE("lineage::merge_store: a union; the same rows once; merging twice changes nothing") {
  genops::test::TempDir dir;
  Store a(dir.path() / "a.db"), b(dir.path() / "b.db"), into(dir.path() / "into.db");
  PromptStore(a).add_version(version("p", "aaaa1111"), "production");
  PromptStore(b).add_version(version("p", "aaaa1111"), "production");
  PromptStore(b).add_version(version("p", "bbbb2222"));
  add_eval_run(a, "run-a", 3, "x");
  add_eval_run(b, "run-b", 2, "y");
  auto first = merge_store(a.db(), into.db());
  CHECK(first.conflicts.empty());
  auto second = merge_store(b.db(), into.db());
  CHECK(second.conflicts.empty());
  CHECK(count(into, "eval_runs") == 2);
  CHECK(count(into, "eval_results") == 5);
  CHECK(count(into, "prompt_versions") == 2);  // aaaa1111 once, then bbbb2222 as number 2
  CHECK(count(into, "labels") == 1);
  CHECK(count(into, "eval_prompt_versions") == 2);
  auto again = merge_store(b.db(), into.db());
  CHECK(again.total_added() == 0);
  CHECK(again.conflicts.empty());
  CHECK(again.same > 0);
}

TEST_CASE("lineage::merge_store: the same key with other content is a conflict, never overwritten") {
  genops::test::TempDir dir;
  Store a(dir.path() / "a.db"), b(dir.path() / "b.db");
  PromptStore(a).add_version(version("p", "aaaa1111"));
  PromptStore(b).add_version(version("p", "cccc3333"));  // number 1 too, another hash
  add_eval_run(a, "run-1", 2, "first");
  add_eval_run(b, "run-1", 3, "second");  // case-0 and case-1 differ; case-2 is new
  auto report = merge_store(b.db(), a.db());
  REQUIRE(report.conflicts.size() == 3);
  CHECK(report.conflicts[0].table == "prompt_versions");
  CHECK(report.conflicts[0].key == "prompt=p, number=1");
  CHECK(report.conflicts[1].table == "eval_results");
  CHECK(report.conflicts[1].key == "eval_run_id=run-1, case_key=case-0, provider=, repeat=0");
  CHECK(report.conflicts[1].columns == std::vector<std::string>{"output"});
  CHECK(count(a, "eval_results") == 3);
  auto kept = a.db().prepare("SELECT COUNT(*) FROM eval_results WHERE output = 'first'");
  kept.step();
  CHECK(kept.integer(0) == 2);
  auto hash = a.db().prepare("SELECT hash FROM prompt_versions");
  hash.step();
  CHECK(hash.text(0) == "aaaa1111");
}
