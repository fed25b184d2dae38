#include <doctest/doctest.h>

#include <cstdlib>

#include "tests/unit/chains/chain_test_helpers.hpp"

using namespace genops;
using genops::test::error_of;

namespace {

std::string chain_with(const std::string& step) {
  return "version: 1\nname: c\ninputs:\n  text: {type: string}\nsteps:\n" + step +
         "outputs:\n  out: \"{{steps.x.output}}\"\n";
}

std::string load_error(const std::string& step) {
  test::TempDir dir;
  auto message = error_of([&] { test::load_text(dir, chain_with(step)); });
  auto at = message.find("chain.yaml:");
  return at == std::string::npos ? message : message.substr(at);
}

// Runs the chain whose one step is `step` with input text `text`; GENOPS_TEST_KEY is a provider key.
struct ExecRun {
  test::TempDir dir;
  test::MemoryRunSink sink;
  chains::RunResult result;

  ExecRun(const std::string& step, const std::string& text) {
    dir.write("up.sh", "#!/bin/sh\nread line\necho \"got: $line\" | tr a-z A-Z\necho 'a note on stderr' >&2\n");
    auto set = test::load_text(dir, chain_with(step));
    chains::Services services;
    services.client = [](const std::string&) -> core::llm::ModelClient& { core::fail_input("no clients"); };
    services.sink = &sink;
    services.secret_env = {"GENOPS_TEST_KEY"};
    chains::Runner runner(set, services, chains::RunnerOptions{2, "", "test-host", 8});
    chains::RunRequest request;
    request.inputs = {{"text", text}};
    result = runner.run(std::move(request));
    runner.shutdown();
  }
  chains::StepRecord record() const { return sink.steps_of("x").front(); }
};

}  // namespace

TEST_CASE("chains::load_chain: exec step errors") {
  SUBCASE("a command string is refused: no shell") {
    CHECK(load_error("  - {id: x, kind: exec, command: \"python3 x.py\"}\n") ==
          "chain.yaml:6:34: steps[0].command: expected a list of strings (the program and its arguments; no shell), got a string");
  }
  SUBCASE("missing command") {
    CHECK(load_error("  - {id: x, kind: exec}\n") == "chain.yaml:6:5: steps[0]: missing required field \"command\"");
  }
  SUBCASE("unknown key") {
    CHECK(load_error("  - {id: x, kind: exec, command: [a], input: {}}\n") == "chain.yaml:6:39: steps[0].input: unknown key \"input\"");
  }
  SUBCASE("a credential-looking env name") {
    CHECK(load_error("  - {id: x, kind: exec, command: [a], env: [OPENAI_API_KEY]}\n") ==
          "chain.yaml:6:45: steps[0].env[0]: variable \"OPENAI_API_KEY\" looks like a credential; exec steps never see those");
  }
  SUBCASE("a bad timeout") {
    CHECK(load_error("  - {id: x, kind: exec, command: [a], timeout: soon}\n") ==
          "chain.yaml:6:48: steps[0].timeout: expected a duration like 30s, 500ms or 2m, got \"soon\"");
  }
  SUBCASE("an undeclared reference in inputs") {
    CHECK(load_error("  - {id: x, kind: exec, command: [a], inputs: {t: \"{{inputs.txt}}\"}}\n").find("chain.yaml:6:") == 0);
  }
}

TEST_CASE("chains::Runner: exec steps") {
  SUBCASE("stdin is the inputs as JSON; stdout that parses is JSON") {
    ExecRun r("  - {id: x, kind: exec, command: [python3, -c, \"import json,sys; print(json.dumps({'n': len(json.load(sys.stdin)['t'])}))\"], inputs: {t: \"{{inputs.text}}\"}}\n",
              "hello");
    REQUIRE(r.result.status == chains::RunStatus::succeeded);
    CHECK(r.result.outputs["out"] == nlohmann::json{{"n", 5}});
    CHECK(r.record().kind == "exec");
    CHECK(r.record().request == "{\"command\":[\"python3\",\"-c\",\"import json,sys; print(json.dumps({'n': len(json.load(sys.stdin)['t'])}))\"],"
                                "\"stdin\":{\"t\":\"hello\"},\"timeout_ms\":60000}");
    CHECK(r.record().params_json == "{\"exit_code\":0,\"stderr\":\"\"}");
  }
  SUBCASE("stdout that is not JSON is text; the program runs in the chain's folder; stderr is recorded") {
    ExecRun r("  - {id: x, kind: exec, command: [sh, up.sh], inputs: {t: \"{{inputs.text}}\"}}\n", "hello");
    REQUIRE(r.result.status == chains::RunStatus::succeeded);
    CHECK(r.result.outputs["out"] == "GOT: {\"T\":\"HELLO\"}");
    CHECK(r.record().params_json == "{\"exit_code\":0,\"stderr\":\"a note on stderr\\n\"}");
  }
  SUBCASE("a non-zero exit fails the step with the last line of stderr") {
    ExecRun r("  - {id: x, kind: exec, command: [sh, -c, \"echo first >&2; echo 'it broke' >&2; exit 3\"]}\n", "a");
    CHECK(r.result.status == chains::RunStatus::failed);
    CHECK(r.result.error_kind == core::ErrorKind::invalid_input);
    CHECK(r.result.error == "step x: exec: \"sh\" exited with status 3: it broke");
    CHECK(r.record().status == "failed");
    CHECK(r.record().params_json == "{\"exit_code\":3,\"stderr\":\"first\\nit broke\\n\"}");
  }
  SUBCASE("a program that does not exist") {
    ExecRun r("  - {id: x, kind: exec, command: [no-such-program-genops]}\n", "a");
    CHECK(r.result.status == chains::RunStatus::failed);
    CHECK(r.result.error.find("step x: exec: cannot run \"no-such-program-genops\": ") == 0);
  }
  SUBCASE("a timeout kills the program") {
    ExecRun r("  - {id: x, kind: exec, command: [sleep, \"30\"], timeout: 200ms}\n", "a");
    CHECK(r.result.status == chains::RunStatus::failed);
    CHECK(r.result.error == "step x: exec: \"sleep\" timed out after 0.2s and was killed");
    CHECK(r.record().params_json.find("\"timed_out\":true") != std::string::npos);
  }
  SUBCASE("the chain's own timeout kills a running program instead of waiting for it") {
    ExecRun r("  - {id: x, kind: exec, command: [sleep, \"30\"]}\nlimits: {timeout: 300ms}\n", "a");
    CHECK(r.result.status == chains::RunStatus::budget_exceeded);
    CHECK(r.record().params_json == "{\"cancelled\":true,\"exit_code\":-1,\"signal\":9,\"stderr\":\"\"}");
  }
  SUBCASE("a provider key variable never reaches the program; env adds a name") {
    ::setenv("GENOPS_TEST_KEY", "secret-value-123", 1);
    ::setenv("GENOPS_PLAIN", "visible", 1);
    ::setenv("EXTRA_NAME", "extra", 1);
    ::setenv("NOT_LISTED", "hidden", 1);
    ExecRun r("  - {id: x, kind: exec, command: [sh, -c, \"env | sort\"], env: [EXTRA_NAME]}\n", "a");
    REQUIRE(r.result.status == chains::RunStatus::succeeded);
    auto out = r.result.outputs["out"].get<std::string>();
    CHECK(out.find("GENOPS_TEST_KEY") == std::string::npos);
    CHECK(out.find("secret-value-123") == std::string::npos);
    CHECK(out.find("NOT_LISTED") == std::string::npos);
    CHECK(out.find("GENOPS_PLAIN=visible") != std::string::npos);
    CHECK(out.find("EXTRA_NAME=extra") != std::string::npos);
    ::unsetenv("GENOPS_TEST_KEY");
  }
}
