#include <doctest/doctest.h>

#include "tests/support/store_backends.hpp"

#include "chains/store/run_queries.hpp"
#include "chains/store/run_recorder.hpp"
#include "core/redact.hpp"
#include "tests/unit/chains/chain_test_helpers.hpp"

using namespace genops;
using namespace genops::core::lineage;
using namespace genops::chains;

TEST_CASE("chains::RunRecorder: runs and steps round-trip through the store (both backends)") {
  test::TempDir dir;
  for (const auto& backend : test::store_backends(dir)) {
  CAPTURE(backend.name);
  std::filesystem::path path = backend.location;
  Store store(path);
  {
    RunRecorder recorder(path);
    recorder.record_chain_version({"abc", "c", "c.yaml", "version: 1"});
    recorder.begin_run({"00112233aabbccdd", "chain", "c", "abc", "c.yaml", R"({"q":"x"})", "2026-01-01T00:00:00.000Z", "", "h", "", std::nullopt});
    for (int i = 1; i <= 3; ++i) {
      StepRecord s;
      s.run_id = "00112233aabbccdd";
      s.seq = i;
      if (i > 1) s.parent_seq = 1;
      s.step_id = "s" + std::to_string(i);
      s.kind = "llm";
      s.request = "'); DROP TABLE runs;-- <script>";
      s.output = "out " + std::to_string(i);
      s.input_tokens = 10;
      s.started_at = "2026-01-01T00:00:00.000Z";
      recorder.record_step(std::move(s));
    }
    auto ticket = recorder.end_run({"00112233aabbccdd", "succeeded", "2026-01-01T00:00:01.000Z", R"({"a":1})", "", 3, 30, 5, 0.5, 1000});
    recorder.wait_durable(ticket);
  }
  auto run = find_run(store, "0011");
  CHECK(run.end.status == "succeeded");
  CHECK(run.inputs_json == R"({"q":"x"})");
  CHECK(run.outputs_json == R"({"a":1})");
  CHECK(run.end.cost_usd == doctest::Approx(0.5));
  auto steps = run_steps(store, run.run.id, Texts::yes);
  REQUIRE(steps.size() == 3);
  CHECK(steps[0].request == "'); DROP TABLE runs;-- <script>");
  CHECK(steps[2].output == "out 3");
  CHECK(steps[2].parent_seq == 1);
  CHECK(list_runs(store, {"c", "", "", 10, ""}).size() == 1);
  CHECK(list_runs(store, {"other", "", "", 10, ""}).empty());
  CHECK(find_run(store, "last").run.id == "00112233aabbccdd");
  CHECK(test::error_of([&] { find_run(store, "ffff"); }) == "no run with id \"ffff\"");
  CHECK(test::error_of([&] { find_run(store, "xyz"); }) == "run id \"xyz\": expected 4 to 16 hex digits, or \"last\"");
  }
}

TEST_CASE("chains::RunRecorder: secrets never reach the store (both backends)") {
  test::TempDir dir;
  for (const auto& backend : test::store_backends(dir)) {
  CAPTURE(backend.name);
  std::filesystem::path path = backend.location;
  Store store(path);
  core::register_secret("sk-canary-0123456789abcdef");
  {
    RunRecorder recorder(path);
    recorder.begin_run({"aaaabbbbccccdddd", "chain", "c", "v", "c.yaml", R"({"k":"sk-canary-0123456789abcdef"})", "t", "", "", "", std::nullopt});
    StepRecord s;
    s.run_id = "aaaabbbbccccdddd";
    s.seq = 1;
    s.step_id = "a";
    s.kind = "llm";
    s.output = "the key is sk-canary-0123456789abcdef";
    s.error = "401 for Bearer sk-canary-0123456789abcdef";
    recorder.record_step(std::move(s));
    recorder.wait_durable(recorder.end_run({"aaaabbbbccccdddd", "failed", "t", "", "sk-canary-0123456789abcdef", 1, 0, 0, 0, 0}));
  }
  auto run = find_run(store, "aaaa");
  auto steps = run_steps(store, run.run.id, Texts::yes);
  for (const auto& text : {run.inputs_json, run.end.error, steps[0].output, steps[0].error})
    CHECK(text.find("sk-canary") == std::string::npos);
  }
}

TEST_CASE("chains::RunRecorder: many steps commit in batches (both backends)") {
  test::TempDir dir;
  for (const auto& backend : test::store_backends(dir)) {
  CAPTURE(backend.name);
  std::filesystem::path path = backend.location;
  Store store(path);
  RunRecorder recorder(path);
  recorder.begin_run({"1234123412341234", "chain", "c", "v", "c.yaml", "{}", "t", "", "", "", std::nullopt});
  for (int i = 1; i <= 20000; ++i) {
    StepRecord s;
    s.run_id = "1234123412341234";
    s.seq = i;
    s.step_id = "s";
    s.kind = "transform";
    s.output = "same output";
    recorder.record_step(std::move(s));
  }
  recorder.flush();
  CHECK(run_steps(store, "1234123412341234", Texts::no).size() == 20000);
  }
}
