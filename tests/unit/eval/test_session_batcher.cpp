#include <doctest/doctest.h>

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
