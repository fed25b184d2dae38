#include <doctest/doctest.h>

#include <algorithm>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "chains/run/executor.hpp"
#include "tests/unit/chains/chain_test_helpers.hpp"

using namespace genops;
using chains::RunStatus;
using core::llm::Outcome;
using core::llm::Request;
using test::FakeModelClient;

namespace {

std::string last_user(const Request& r) { return r.messages.back().content; }

const char* k_route = R"(version: 1
name: route
inputs:
  question: {type: string}
steps:
  - id: intent
    kind: llm
    messages: [{role: user, content: "Classify: {{inputs.question}}"}]
    output: {format: json, schema: {type: object, required: [intent]}}
  - id: answer
    kind: llm
    when: "steps.intent.output.intent != 'smalltalk'"
    messages: [{role: user, content: "Answer: {{inputs.question}}"}]
  - id: final
    kind: transform
    template: "{{steps.intent.output.intent}}|{{steps.answer.output}}"
outputs:
  final: "{{steps.final.output}}"
)";

FakeModelClient::Responder router(std::string intent) {
  return [intent](const Request& r, std::size_t) -> Outcome {
    if (last_user(r).rfind("Classify", 0) == 0) return FakeModelClient::response("{\"intent\": \"" + intent + "\"}");
    return FakeModelClient::response("A:" + last_user(r).substr(8));
  };
}

}  // namespace

TEST_CASE("chains::Runner: steps run as a graph, when skips, records kept") {
  test::TempDir dir;
  auto set = test::load_text(dir, k_route);
  SUBCASE("billing") {
    test::Harness h(set, router("billing"));
    auto r = h.run({{"question", "refund?"}});
    CHECK(r.status == RunStatus::succeeded);
    CHECK(r.outputs == nlohmann::json{{"final", "billing|A:refund?"}});
    CHECK(r.steps == 3);
    CHECK(r.input_tokens == 20);
    CHECK(h.local().calls() == 2);
    REQUIRE(h.sink.steps.size() == 3);
    CHECK(h.sink.steps_of("intent").front().output == "{\"intent\": \"billing\"}");
    CHECK(h.sink.steps_of("answer").front().provider == "local");
    CHECK(h.sink.ends.front().status == "succeeded");
  }
  SUBCASE("smalltalk skips answer") {
    test::Harness h(set, router("smalltalk"));
    auto r = h.run({{"question", "hi"}});
    CHECK(r.status == RunStatus::succeeded);
    CHECK(r.outputs["final"] == "smalltalk|");
    CHECK(h.local().calls() == 1);
    CHECK(h.sink.steps_of("answer").front().status == "skipped");
  }
  SUBCASE("a reply that breaks the schema fails the run as a provider error") {
    test::Harness h(set, FakeModelClient::reply("{\"kind\": 1}"));
    auto r = h.run({{"question", "x"}});
    CHECK(r.status == RunStatus::failed);
    CHECK(r.error_kind == core::ErrorKind::provider);
    CHECK(r.error == "step intent: the reply does not match the output schema: $: missing required property \"intent\"");
  }
  SUBCASE("bad inputs") {
    test::Harness h(set, router("billing"));
    auto r = h.run({{"questoin", "x"}});
    CHECK(r.status == RunStatus::failed);
    CHECK(r.error_kind == core::ErrorKind::invalid_input);
    CHECK(r.error == "chain route: unknown input \"questoin\"");
    CHECK(h.sink.ends.front().status == "failed");
  }
}

TEST_CASE("chains::Runner: a provider failing mid-run keeps the earlier steps") {
  test::TempDir dir;
  auto set = test::load_text(dir, k_route);
  test::Harness h(set, [](const Request& r, std::size_t) -> Outcome {
    if (last_user(r).rfind("Classify", 0) == 0) return FakeModelClient::response("{\"intent\": \"billing\"}");
    core::llm::Failure f;
    f.kind = core::llm::FailureKind::server;
    f.http_status = 500;
    f.message = "upstream exploded";
    f.retries = 5;
    return f;
  });
  auto r = h.run({{"question", "x"}});
  CHECK(r.status == RunStatus::failed);
  CHECK(r.error_kind == core::ErrorKind::provider);
  CHECK(r.error == "step answer: provider local failed (server, HTTP 500, after 5 retries): upstream exploded");
  CHECK(h.sink.steps_of("intent").front().status == "ok");
  CHECK(h.sink.steps_of("answer").front().status == "failed");
  CHECK(h.sink.steps_of("answer").front().retries == 5);
  CHECK(h.sink.steps_of("final").empty());
}

TEST_CASE("chains::Runner: map, loop and a sub-chain") {
  test::TempDir dir;
  dir.write("sub.yaml", "version: 1\nname: sub\ninputs:\n  text: {type: string}\nsteps:\n"
                        "  - {id: up, kind: transform, template: \"<{{inputs.text}}>\"}\n");
  auto set = test::load_text(dir, R"(version: 1
name: mr
inputs:
  docs: {type: array}
steps:
  - id: each
    kind: map
    over: "{{inputs.docs}}"
    concurrency: 2
    step:
      kind: llm
      messages: [{role: user, content: "Summarise {{index}}: {{item.text}}"}]
  - id: refine
    kind: loop
    max_iterations: 5
    until: "output contains 'DONE'"
    step:
      kind: llm
      messages: [{role: user, content: "Refine {{loop.iteration}} {{loop.previous}}"}]
  - id: call
    kind: chain
    chain: sub.yaml
    inputs: {text: "{{steps.refine.output}}"}
outputs:
  summaries: "{{steps.each.output}}"
  wrapped: "{{steps.call.output.output}}"
)");
  test::Harness h(set, [](const Request& r, std::size_t) -> Outcome {
    auto text = last_user(r);
    if (text.rfind("Refine 3", 0) == 0) return FakeModelClient::response("DONE");
    return FakeModelClient::response("S(" + text + ")");
  });
  auto r = h.run({{"docs", nlohmann::json::array({{{"text", "a"}}, {{"text", "b"}}, {{"text", "c"}}})}});
  REQUIRE(r.status == RunStatus::succeeded);
  CHECK(r.outputs["summaries"] == nlohmann::json::array({"S(Summarise 0: a)", "S(Summarise 1: b)", "S(Summarise 2: c)"}));
  CHECK(r.outputs["wrapped"] == "<DONE>");
  auto each = h.sink.steps_of("each");
  REQUIRE(each.size() == 4);  // three items and the map
  auto refine = h.sink.steps_of("refine");
  REQUIRE(refine.size() == 4);  // three iterations and the loop
  std::int64_t map_seq = 0;
  for (const auto& s : each) {
    if (!s.parent_seq) map_seq = s.seq;
  }
  for (const auto& s : each) {
    if (s.parent_seq) CHECK(*s.parent_seq == map_seq);
  }
  auto up = h.sink.steps_of("up");
  REQUIRE(up.size() == 1);
  CHECK(up.front().parent_seq == h.sink.steps_of("call").front().seq);
}

TEST_CASE("chains::Runner: budgets stop the run cleanly") {
  test::TempDir dir;
  auto loop = [&](const std::string& limits) {
    return test::load_text(dir, "version: 1\nname: spend\nlimits: " + limits + "\nsteps:\n"
                               "  - id: many\n    kind: loop\n    max_iterations: 200\n"
                               "    step: {kind: llm, messages: [{role: user, content: \"go\"}]}\n");
  };
  SUBCASE("max_cost_usd: $0.50 at $0.01 a call") {
    test::Harness h(loop("{max_cost_usd: 0.5}"), FakeModelClient::reply("ok"));
    h.local().cost_per_call = 0.01;
    auto r = h.run();
    CHECK(r.status == RunStatus::budget_exceeded);
    CHECK(h.local().calls() <= 50);
    CHECK(h.local().calls() >= 49);
    CHECK(r.error.find("max_cost_usd $0.5000 reached") == 0);
    CHECK(chains::error_kind_of(r) == core::ErrorKind::check_failed);
    CHECK(h.sink.ends.front().status == "budget_exceeded");
  }
  SUBCASE("max_tokens") {
    test::Harness h(loop("{max_tokens: 100}"), FakeModelClient::reply("ok"));
    auto r = h.run();
    CHECK(r.status == RunStatus::budget_exceeded);
    CHECK(h.local().calls() == 7);  // 15 tokens a call: 105 after the 7th
    CHECK(r.error == "max_tokens 100 reached (used 105)");
  }
  SUBCASE("max_steps") {
    test::Harness h(loop("{max_steps: 10}"), FakeModelClient::reply("ok"));
    auto r = h.run();
    CHECK(r.status == RunStatus::budget_exceeded);
    CHECK(r.error == "max_steps 10 reached");
    CHECK(h.local().calls() == 9);  // the loop itself is a step
  }
}

namespace {

// A client that never answers. submit() runs on a worker thread: the test
// waits for it through the condition variable, never by polling.
struct SilentClient final : core::llm::ModelClient {
  std::mutex mutex;
  std::condition_variable called;
  std::vector<core::llm::Completion> pending;
  std::string n = "local";
  void submit(Request, core::llm::Completion done, core::llm::TokenSink) override {
    {
      std::lock_guard lock(mutex);
      pending.push_back(std::move(done));
    }
    called.notify_all();
  }
  // Waits for the first call and returns its completion.
  core::llm::Completion first_call() {
    std::unique_lock lock(mutex);
    called.wait(lock, [&] { return !pending.empty(); });
    return pending.front();
  }
  std::vector<std::vector<float>> embed(std::span<const std::string>) override { return {}; }
  const std::string& name() const override { return n; }
  const std::string& model() const override { return n; }
};

}  // namespace

TEST_CASE("chains::Runner: timeout ends a run stuck in a call; interrupt ends it too") {
  test::TempDir dir;
  SilentClient silent;
  test::MemoryRunSink sink;
  chains::Services services;
  services.client = [&](const std::string&) -> core::llm::ModelClient& { return silent; };
  services.sink = &sink;
  SUBCASE("timeout") {
    auto set = test::load_text(dir, "version: 1\nname: slow\nlimits: {timeout: 200ms}\nsteps:\n"
                                    "  - {id: a, kind: llm, messages: [{role: user, content: x}]}\n");
    chains::Runner runner(set, services, {});
    auto r = runner.run({});
    CHECK(r.status == RunStatus::budget_exceeded);
    CHECK(r.error == "timeout 200ms reached");
    runner.shutdown();
  }
  SUBCASE("interrupt") {
    auto set = test::load_text(dir, "version: 1\nname: slow\nsteps:\n  - {id: a, kind: llm, messages: [{role: user, content: x}]}\n");
    chains::Runner runner(set, services, {});
    std::promise<chains::RunResult> done;
    runner.start({}, [&](chains::RunResult r) { done.set_value(std::move(r)); });
    auto late = silent.first_call();
    runner.interrupt();
    auto r = done.get_future().get();
    CHECK(r.status == RunStatus::interrupted);
    CHECK(chains::error_kind_of(r) == core::ErrorKind::interrupted);
    runner.shutdown();
    // A reply arriving after the end is dropped safely.
    late(FakeModelClient::response("late"));
  }
}

TEST_CASE("chains::Runner: a sub-chain calling itself stops at the depth limit") {
  test::TempDir dir;
  auto set = test::load_text(dir, "version: 1\nname: self\nsteps:\n  - {id: again, kind: chain, chain: chain.yaml}\n");
  test::Harness h(set, FakeModelClient::reply("x"));
  auto r = h.run();
  CHECK(r.status == RunStatus::failed);
  CHECK(r.error == "step again: chain self nested deeper than 8 levels (a recursion without an end?)");
}

TEST_CASE("chains::run::Executor: a task that throws is reported, and the pool goes on") {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> reported;
  bool ran_after = false;
  {
    chains::run::Executor executor(1, [&](const std::string& what) {
      std::lock_guard lock(mutex);
      reported.push_back(what);
      changed.notify_all();
    });
    executor.post([] { throw std::runtime_error("a step task broke"); });
    executor.post_at(chains::run::Executor::Clock::now(), [] { throw std::logic_error("a timed task broke"); });
    executor.post([&] {
      std::lock_guard lock(mutex);
      ran_after = true;
      changed.notify_all();
    });
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return reported.size() == 2 && ran_after; });
    lock.unlock();
    CHECK(executor.internal_errors() == 2);
  }
  std::sort(reported.begin(), reported.end());
  CHECK(reported == std::vector<std::string>{"a step task broke", "a timed task broke"});
}
