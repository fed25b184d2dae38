#include <doctest/doctest.h>

#include "eval/session/shards.hpp"

using genops::eval::EvalRunRecord;
using namespace genops::eval::session;

namespace {

EvalRunRecord shard(std::int64_t index, const std::string& status, const std::string& started = "2026-12-05T03:00:00Z") {
  EvalRunRecord r;
  r.id = "s" + std::to_string(index);
  r.suite = "support";
  r.run_name = "ci-1";
  r.shard_index = index;
  r.shard_count = 4;
  r.status = status;
  r.started_at = started;
  r.planned = 10 * index;
  r.host = "runner-" + std::to_string(index);
  r.prompt_versions = {{"p", index % 2 + 1}};
  return r;
}

}  // namespace

TEST_CASE("eval::session::census: which shards are in, and why the others are not") {
  auto found = census({shard(1, "finished"), shard(2, "finished"), shard(4, "interrupted")});
  CHECK(found.count == 4);
  CHECK(found.in == 2);
  CHECK_FALSE(found.complete());
  CHECK(found.describe() == "interrupted: 4/4 on runner-4; missing: 3/4");
  CHECK(census({shard(1, "running"), shard(2, "abandoned"), shard(3, "finished"), shard(4, "failed")}).describe() ==
        "abandoned: 2/4 on runner-2; failed: 4/4 on runner-4; still running: 1/4 on runner-1");
  auto all = census({shard(4, "finished"), shard(3, "finished"), shard(2, "finished"), shard(1, "finished")});
  CHECK(all.complete());
  CHECK(all.in == 4);
}

TEST_CASE("eval::session::whole_run: what the shards share, from the first start, planned summed") {
  auto run = whole_run({shard(1, "finished", "2026-12-05T03:00:02Z"), shard(2, "finished", "2026-12-05T03:00:01Z"),
                        shard(3, "finished"), shard(4, "finished", "2026-12-05T03:00:03Z")},
                       "whole", "finisher");
  CHECK(run.id == "whole");
  CHECK(run.shard_index == 0);
  CHECK(run.shard_count == 4);
  CHECK(run.run_name == "ci-1");
  CHECK(run.status == "running");
  CHECK(run.host == "finisher");
  CHECK(run.started_at == "2026-12-05T03:00:00Z");
  CHECK(run.planned == 100);
  CHECK(run.prompt_versions == std::vector<std::pair<std::string, std::int64_t>>{{"p", 1}, {"p", 2}});
}
