#include <doctest/doctest.h>

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "core/error.hpp"
#include "eval/run/runner.hpp"
#include "eval/run/scoring.hpp"
#include "eval/suite/loader.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::eval;

namespace {

// A suite of `n` dataset rows {"q": "row i"} asserting icontains "row".
Suite make_suite(const genops::test::TempDir& dir, int n, const std::string& extra = "") {
  std::string rows;
  for (int i = 0; i < n; ++i) rows += "{\"q\": \"row " + std::to_string(i) + "\"}\n";
  dir.write("cases.jsonl", rows);
  dir.write("chain.yaml", "version: 1\n");
  return load_suite(dir.write("eval.yaml", "version: 1\nname: t\ntarget: {chain: chain.yaml}\ndataset: cases.jsonl\n"
                                           "defaults:\n  assert: [{type: icontains, value: row}]\n" + extra));
}

// A target answering on its own thread, counting the executions in flight.
struct FakeTarget {
  std::atomic<int> in_flight{0}, peak{0}, calls{0};
  std::mutex mutex;
  std::vector<std::thread> threads;
  std::map<std::string, int> by_provider;
  TargetFn fn() {
    return [this](const nlohmann::json& vars, const std::string& provider, std::function<void(TargetOutcome)> done) {
      int now = ++in_flight;
      for (int p = peak; now > p && !peak.compare_exchange_weak(p, now);) {
      }
      ++calls;
      std::lock_guard lock(mutex);
      ++by_provider[provider];
      threads.emplace_back([this, vars, done] {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        TargetOutcome out;
        out.output = vars.value("q", "") == "row 3" ? "nothing" : "answer for " + vars.value("q", "");
        --in_flight;
        done(std::move(out));
      });
    };
  }
  ~FakeTarget() {
    for (auto& t : threads) t.join();
  }
};

}  // namespace

TEST_CASE("eval::run_eval: cases x providers x repeats, bounded in flight") {
  genops::test::TempDir dir;
  Suite suite = make_suite(dir, 10);
  FakeTarget target;
  EvalOptions options;
  options.concurrency = 3;
  options.providers = {"a", "b"};
  options.repeat = 2;
  options.planned = count_planned(suite, options);
  CHECK(options.planned == 40);
  std::vector<CaseResult> results;
  auto outcome = run_eval(suite, target.fn(), {}, options, [&](CaseResult r) { results.push_back(std::move(r)); }, {});
  CHECK(outcome.finished == 40);
  CHECK(results.size() == 40);
  CHECK(target.peak <= 3);
  CHECK(target.by_provider["a"] == 20);
  CHECK(target.by_provider["b"] == 20);
  int failed = 0;
  for (const auto& r : results) failed += r.pass ? 0 : 1;
  CHECK(failed == 4);  // row 3, on 2 providers, twice each
}

TEST_CASE("eval::shard_of: the key's hash, not its position, picks the shard") {
  // Fixed values: every machine, and every later version, must agree.
  // (python3: int(hashlib.sha256(key).hexdigest()[:16], 16) % n)
  CHECK(shard_of("refund-policy", 4) == 1);
  CHECK(shard_of("refund-policy", 7) == 3);
  CHECK(shard_of("h0123456789abcdef", 4) == 3);
  CHECK(shard_of("anything", 1) == 0);
  std::array<int, 4> sizes{};
  for (int i = 0; i < 4000; ++i) ++sizes[static_cast<std::size_t>(shard_of("h" + std::to_string(i), 4))];
  for (int n : sizes) CHECK((n > 900 && n < 1100));
}

TEST_CASE("eval::run_eval: selection and resume") {
  genops::test::TempDir dir;
  Suite suite = make_suite(dir, 10);
  SUBCASE("--limit then --shard: the first six split by the hash of their keys") {
    std::vector<std::int64_t> all;
    for (int shard = 0; shard < 2; ++shard) {
      EvalOptions options;
      options.selection.limit = 6;
      options.selection.shard_index = shard;
      options.selection.shard_count = 2;
      FakeTarget target;
      run_eval(suite, target.fn(), {}, options, [&](CaseResult r) {
        CHECK(shard_of(r.case_key, 2) == shard);
        all.push_back(r.case_index);
      }, {});
    }
    std::sort(all.begin(), all.end());
    CHECK(all == std::vector<std::int64_t>{0, 1, 2, 3, 4, 5});
  }
  SUBCASE("--filter matches the vars") {
    EvalOptions options;
    options.selection.filter = genops::core::Regex::builtin("row [78]");
    CHECK(count_planned(suite, options) == 2);
  }
  SUBCASE("keys already done are skipped") {
    EvalOptions options;
    std::set<ResultKey> done;
    CaseSource source(suite, {});
    for (int i = 0; i < 4; ++i) done.insert({source.next()->key, "", 0});
    options.done_already = [&](const ResultKey& k) { return done.count(k) > 0; };
    CHECK(count_planned(suite, options) == 6);
    FakeTarget target;
    std::set<std::string> ran;
    run_eval(suite, target.fn(), {}, options, [&](CaseResult r) { ran.insert(r.case_key); }, {});
    CHECK(ran.size() == 6);
    for (const auto& k : done) CHECK(ran.count(k.case_key) == 0);
  }
}

TEST_CASE("eval::run_eval: an interrupted outcome is not a result") {
  genops::test::TempDir dir;
  Suite suite = make_suite(dir, 5);
  EvalOptions options;
  std::atomic<int> calls{0};
  TargetFn target = [&](const nlohmann::json&, const std::string&, std::function<void(TargetOutcome)> done) {
    TargetOutcome out;
    out.interrupted = ++calls > 2;
    out.output = "row";
    done(std::move(out));
  };
  options.interrupted = [&] { return calls > 2; };
  std::vector<CaseResult> results;
  auto outcome = run_eval(suite, target, {}, options, [&](CaseResult r) { results.push_back(std::move(r)); }, {});
  CHECK(outcome.interrupted);
  CHECK(results.size() == 2);
}

TEST_CASE("eval::score_case: weighted score, case threshold, templates, target errors") {
  genops::test::TempDir dir;
  Suite suite = make_suite(dir, 1,
                           "tests:\n  - vars: {city: Paris}\n    expected: Paris is in France\n    assert:\n"
                           "      - {type: icontains, value: \"{{city}}\", weight: 3}\n"
                           "      - {type: equals, value: \"{{expected}}\"}\n");
  CaseSource source(suite, {});
  source.next();  // the dataset row
  auto c = source.next();
  REQUIRE(c);
  TargetOutcome out;
  out.output = "I love paris";
  auto result = score_case(*c, "", 0, out, suite.default_asserts, std::nullopt, {});
  REQUIRE(result.assertions.size() == 3);  // the default icontains "row" + the test's two
  CHECK_FALSE(result.pass);
  CHECK(result.score == doctest::Approx(3.0 / 5.0));  // icontains passes (weight 3); "row" and equals fail
  auto lenient = score_case(*c, "", 0, out, suite.default_asserts, 0.6, {});
  CHECK(lenient.pass);
  TargetOutcome failed;
  failed.error = "provider x: HTTP 500";
  auto broken = score_case(*c, "", 0, failed, suite.default_asserts, std::nullopt, {});
  CHECK_FALSE(broken.pass);
  CHECK(broken.assertions.empty());
  CHECK(broken.error == "provider x: HTTP 500");
}

TEST_CASE("eval::run_eval: a target that throws reaches the caller; the threads stop") {
  genops::test::TempDir dir;
  Suite suite = make_suite(dir, 10);
  EvalOptions options;
  options.concurrency = 2;
  int calls = 0;
  TargetFn target = [&](const nlohmann::json&, const std::string&, std::function<void(TargetOutcome)> done) {
    if (++calls == 3) throw std::runtime_error("the target broke");
    TargetOutcome out;
    out.output = "row";
    done(std::move(out));
  };
  std::vector<CaseResult> results;
  CHECK_THROWS_WITH_AS(run_eval(suite, target, {}, options, [&](CaseResult r) { results.push_back(std::move(r)); }, {}),
                       "the target broke", std::runtime_error);
  CHECK(calls == 3);
}

TEST_CASE("eval::run_eval: a case source that throws reaches the caller; the threads stop") {
  genops::test::TempDir dir;
  Suite suite = make_suite(dir, 3);
  dir.write("cases.jsonl", "{\"q\": \"row 0\"}\n{\"q\": \"row 1\"}\n{\"other\": 1}\n");
  EvalOptions options;
  options.required_inputs = {"q"};
  FakeTarget target;
  CHECK_THROWS_AS(run_eval(suite, target.fn(), {}, options, [](CaseResult) {}, {}), genops::core::Error);
}

namespace {

// A target that answers only when told: each call's `done` is kept.
struct HeldTarget {
  std::mutex mutex;
  std::vector<std::function<void(TargetOutcome)>> held;
  std::atomic<int> calls{0};
  TargetFn fn() {
    return [this](const nlohmann::json&, const std::string&, std::function<void(TargetOutcome)> done) {
      std::lock_guard lock(mutex);
      held.push_back(std::move(done));
      ++calls;
    };
  }
  // Answers every held call (interrupted or with a passing output).
  void answer_all(bool interrupted) {
    std::vector<std::function<void(TargetOutcome)>> now;
    {
      std::lock_guard lock(mutex);
      now.swap(held);
    }
    for (auto& done : now) {
      TargetOutcome out;
      out.output = "row";
      out.interrupted = interrupted;
      done(std::move(out));
    }
  }
};

}  // namespace

TEST_CASE("eval::run_eval: an interrupt after the last case started still ends the run") {
  genops::test::TempDir dir;
  Suite suite = make_suite(dir, 4);
  EvalOptions options;
  options.concurrency = 8;  // every case is in flight at once
  HeldTarget target;
  std::atomic<bool> signalled{false};
  options.interrupted = [&] { return signalled.load(); };
  SUBCASE("executions that finish within the grace period are results") {
    options.grace = std::chrono::hours(1);  // never reached: they all finish
    std::thread answer;
    options.interrupted = [&] {
      if (target.calls == 4 && !signalled.exchange(true)) answer = std::thread([&] { target.answer_all(false); });
      return signalled.load();
    };
    std::vector<CaseResult> results;
    auto outcome = run_eval(suite, target.fn(), {}, options, [&](CaseResult r) { results.push_back(std::move(r)); }, {});
    answer.join();
    CHECK(outcome.interrupted);
    CHECK(results.size() == 4);
  }
  SUBCASE("executions still running after the grace period are abandoned") {
    options.grace = std::chrono::milliseconds(0);
    int abandoned = 0;
    options.abandon = [&] {
      ++abandoned;
      target.answer_all(true);  // as Runner::interrupt does: on the calling thread
    };
    options.interrupted = [&] {
      if (target.calls == 4) signalled = true;
      return signalled.load();
    };
    std::vector<CaseResult> results;
    auto outcome = run_eval(suite, target.fn(), {}, options, [&](CaseResult r) { results.push_back(std::move(r)); }, {});
    CHECK(outcome.interrupted);
    CHECK(abandoned == 1);
    CHECK(results.empty());
  }
}

TEST_CASE("eval::CaseSource: identical rows get distinct keys, the repeats numbered ~2, ~3 in order") {
  genops::test::TempDir dir;
  dir.write("cases.jsonl", "{\"q\": \"same\"}\n{\"q\": \"other\"}\n{\"q\": \"same\"}\n{\"q\": \"same\"}\n");
  dir.write("chain.yaml", "version: 1\n");
  Suite suite = load_suite(dir.write("eval.yaml", "version: 1\nname: t\ntarget: {chain: chain.yaml}\ndataset: cases.jsonl\n"
                                                  "defaults:\n  assert: [{type: icontains, value: s}]\n"));
  CaseSource source(suite, {});
  const auto first = source.next()->key, other = source.next()->key, second = source.next()->key,
             third = source.next()->key;
  CHECK(first != other);
  CHECK(second == first + "~2");
  CHECK(third == first + "~3");
  CHECK_FALSE(source.next());
}
