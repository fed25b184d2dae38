#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <vector>

#include "eval/session/result_batcher.hpp"
#include "fake_result_store.hpp"
#include "result_builders.hpp"

using namespace genops::eval;
using genops::eval::testing::FakeResultStore;
using genops::eval::testing::make_result;

TEST_CASE("eval::session::ResultBatcher: commits full batches, and passes a result on only after its commit") {
  FakeResultStore store;
  std::vector<std::string> passed_on;
  session::ResultBatcher batcher(store, "run-1", [&](const CaseResult& r) {
    // Whatever is passed on is already in the store.
    CHECK(store.runs["run-1"].size() >= passed_on.size() + 1);
    passed_on.push_back(r.case_key);
  }, 3);
  for (int i = 0; i < 7; ++i) batcher.add(make_result("c" + std::to_string(i), true));
  CHECK(store.commits == 2);
  CHECK(batcher.committed() == 6);
  CHECK(passed_on == std::vector<std::string>{"c0", "c1", "c2", "c3", "c4", "c5"});
  batcher.flush();
  CHECK(store.commits == 3);
  CHECK(batcher.committed() == 7);
  CHECK(passed_on.size() == 7);
  batcher.flush();  // nothing queued: no empty transaction
  CHECK(store.commits == 3);
  CHECK(store.runs["run-1"].size() == 7);
}

TEST_CASE("eval::session::ResultBatcher: without a receiver, results are only committed") {
  FakeResultStore store;
  session::ResultBatcher batcher(store, "run-2");
  batcher.add(make_result("a", false));
  CHECK(store.commits == 0);
  batcher.flush();
  CHECK(store.runs["run-2"].size() == 1);
}

namespace {

// A store whose commits happen only when waited for, like a writer thread
// that has not got round to them yet: tickets count the submissions.
class QueuedResultStore final : public session::ResultStore {
 public:
  void write_results(const std::string& run_id, std::span<const CaseResult> results) override {
    for (const CaseResult& r : results) committed[run_id].push_back(r.case_key);
  }
  void for_each_result(const std::string&, const std::function<void(CaseResult)>&) override {}
  std::uint64_t submit_results(const std::string& run_id, std::shared_ptr<const std::vector<CaseResult>> results) override {
    queued.emplace_back(run_id, std::move(results));
    return queued.size();
  }
  void wait_results(std::uint64_t ticket) override {
    waits.push_back(ticket);
    for (; done < ticket; ++done) write_results(queued[done].first, *queued[done].second);
  }
  std::vector<std::pair<std::string, std::shared_ptr<const std::vector<CaseResult>>>> queued;
  std::map<std::string, std::vector<std::string>> committed;
  std::vector<std::uint64_t> waits;
  std::uint64_t done = 0;
};

}  // namespace

TEST_CASE("eval::session::ResultBatcher: a store writer commits one batch while the next fills; flush waits for all") {
  QueuedResultStore store;
  std::vector<std::string> passed_on;
  session::ResultBatcher batcher(store, "run-3", [&](const CaseResult& r) {
    // Whatever is passed on is already committed.
    CHECK(store.committed["run-3"].size() >= passed_on.size() + 1);
    passed_on.push_back(r.case_key);
  }, 2);
  for (int i = 0; i < 3; ++i) batcher.add(make_result("c" + std::to_string(i), true));
  // The first batch was handed over and not waited for.
  CHECK(store.queued.size() == 1);
  CHECK(store.waits.empty());
  CHECK(passed_on.empty());
  batcher.add(make_result("c3", true));
  // The second batch's hand-over waited for the first only.
  CHECK(store.queued.size() == 2);
  CHECK(store.waits == std::vector<std::uint64_t>{1});
  CHECK(passed_on == std::vector<std::string>{"c0", "c1"});
  CHECK(batcher.committed() == 2);
  batcher.add(make_result("c4", true));
  batcher.send();  // what an idle moment does: hands c4 over, waits for c2 and c3
  CHECK(store.waits == std::vector<std::uint64_t>{1, 2});
  CHECK(passed_on.size() == 4);
  batcher.flush();
  CHECK(store.waits == std::vector<std::uint64_t>{1, 2, 3});
  CHECK(passed_on == std::vector<std::string>{"c0", "c1", "c2", "c3", "c4"});
  CHECK(batcher.committed() == 5);
  CHECK(store.committed["run-3"].size() == 5);
}
