// The batch tables (migration 9) on both backends: jobs and their requests,
// results stored once by hash, failures counted for resubmission.
#include <doctest/doctest.h>

#include "providers/batch/batch_store.hpp"
#include "core/lineage/store.hpp"
#include "tests/support/store_backends.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::providers::batch;
using genops::core::lineage::Store;

namespace {

BatchJobRecord job(const std::string& id, const std::string& run = "run1") {
  BatchJobRecord j;
  j.id = id;
  j.provider = "gpt";
  j.kind = "openai";
  j.remote_id = "batch_" + id;
  j.status = "validating";
  j.request_count = 2;
  j.eval_run_id = run;
  j.created_at = j.updated_at = "2026-12-05T06:00:0" + id.substr(id.size() - 1) + ".000Z";
  return j;
}

BatchRequestEnd ok(const std::string& id, const std::string& body) { return {id, true, body, "", ""}; }
BatchRequestEnd errored(const std::string& id) { return {id, false, "", "errored", "overloaded"}; }

}  // namespace

TEST_CASE("providers::batch::BatchStore: results land once by hash; failures are counted per request") {
  genops::test::TempDir dir;
  for (const auto& backend : genops::test::store_backends(dir)) {
    CAPTURE(backend.name);
    Store store(backend.location);
    BatchStore batches(backend.location);
    batches.add_job(job("j1"), {{"c1", "h1"}, {"c2", "h2"}});
    CHECK(batches.run_has_jobs("run1"));
    CHECK_FALSE(batches.run_has_jobs("run2"));
    CHECK(batches.in_open_job("h1"));
    REQUIRE(batches.open_jobs("gpt").size() == 1);
    CHECK(batches.open_jobs("gpt")[0].remote_id == "batch_j1");
    CHECK(batches.requests("j1") == std::map<std::string, std::string>{{"c1", "h1"}, {"c2", "h2"}});

    auto ended = job("j1");
    ended.status = "ended";
    ended.succeeded = 1;
    ended.failed = 1;
    // Out of order, an unknown id and a repeated one: only the first line of c1 counts.
    batches.finish_job(ended, {errored("c2"), ok("c1", R"({"a":1})"), ok("zz", "{}"), ok("c1", R"({"a":2})")},
                       "missing", "no line");
    CHECK(batches.result("h1") == std::optional<std::string>(R"({"a":1})"));
    CHECK_FALSE(batches.result("h2"));
    CHECK(batches.result_count() == 1);
    CHECK_FALSE(batches.in_open_job("h2"));
    CHECK(batches.failures("h2") == std::pair<std::int64_t, std::string>{1, "overloaded"});
    CHECK(batches.failures("h1").first == 0);
    CHECK(batches.open_jobs("gpt").empty());

    // h2 again in a second job that expires without a line for it.
    batches.add_job(job("j2"), {{"c2", "h2"}, {"c1", "h1"}});
    auto expired = job("j2");
    expired.status = "expired";
    batches.finish_job(expired, {ok("c1", R"({"a":3})")}, "expired", "the batch expired");
    CHECK(batches.result("h1") == std::optional<std::string>(R"({"a":1})"));  // never replaced
    CHECK(batches.result_count() == 1);
    CHECK(batches.failures("h2") == std::pair<std::int64_t, std::string>{2, "the batch expired"});
  }
}

TEST_CASE("providers::batch::batch_job_ended: the final statuses") {
  for (const char* s : {"ended", "failed", "expired", "cancelled"}) CHECK(batch_job_ended(s));
  for (const char* s : {"validating", "in_progress", "finalizing", "completed", "cancelling", "canceling"})
    CHECK_FALSE(batch_job_ended(s));
}
