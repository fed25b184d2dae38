#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include "core/error.hpp"
#include "providers/mock/mock_script.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/providers/provider_test_support.hpp"

using namespace genops;
using namespace genops::test;
using core::llm::Failure;
using core::llm::FailureKind;
using core::llm::Response;
using nlohmann::json;

namespace {

constexpr const char* k_script = R"yaml(version: 1
responses:
  - match: {regex: "(?:refund|money back)"}
    reply: "Refunds are issued within 14 days."
    usage: {input_tokens: 12, output_tokens: 8}
  - match: {regex: "(?i)password"}
    reply: "Reset it from the sign-in page."
  - match: {vars: {intent: billing, customer.tier: gold}}
    reply: "Gold billing"
  - match: {vars: {intent: billing}}
    replies: [first, second, {reply: third, finish_reason: length}]
  - match: {regex: "weather"}
    tool_calls:
      - {name: get_weather, arguments: {city: Paris}}
  - match: {regex: "schema"}
    json: {intent: smalltalk, score: 1}
  - match: {regex: "slow"}
    reply: "eventually"
    latency: 200ms
  - match: {regex: "overload"}
    error: {status: 429, message: "Rate limit reached"}
  - match: {regex: "hang"}
    error: {kind: timeout, message: "simulated timeout"}
  - default: true
    reply: "I don't know."
)yaml";

struct MockFixture {
  TempDir dir;
  std::shared_ptr<providers::http::Timers> timers = providers::http::make_timer_thread();

  std::unique_ptr<core::llm::ModelClient> make(std::string_view script, std::string file = "mocks/support.yaml") {
    dir.write(file, script);
    core::config::ProviderConfig config;
    config.name = "local";
    config.kind = "mock";
    config.options["responses"] = file;  // relative: resolved against the project root
    config.project_root = dir.path();
    providers::ClientDeps deps;
    deps.timers = timers;
    return providers::make_client(config, deps);
  }
};

Response reply_of(core::llm::ModelClient& client, core::llm::Request request) {
  auto outcome = complete_within(client, std::move(request));
  REQUIRE(std::holds_alternative<Response>(outcome));
  return std::get<Response>(outcome);
}

core::llm::Request with_vars(std::string text, json vars) {
  auto request = user_request(std::move(text));
  request.vars = std::move(vars);
  return request;
}

}  // namespace

TEST_CASE("mock: replies are chosen by regex, vars, sequence and default") {
  MockFixture f;
  auto client = f.make(k_script);

  SUBCASE("regex on the rendered prompt, with scripted usage") {
    auto r = reply_of(*client, user_request("Can I get my money back?"));
    CHECK(r.text == "Refunds are issued within 14 days.");
    CHECK(r.finish_reason == "stop");
    CHECK(r.model == "mock");
    CHECK(r.usage.input_tokens == 12);
    CHECK(r.usage.output_tokens == 8);
    CHECK_FALSE(r.usage.estimated);
    CHECK(r.cost_usd == 0.0);
  }
  SUBCASE("a (?i) prefix makes the regex case-insensitive") {
    CHECK(reply_of(*client, user_request("PASSWORD reset")).text == "Reset it from the sign-in page.");
    CHECK(reply_of(*client, user_request("password reset")).text == "Reset it from the sign-in page.");
  }
  SUBCASE("(?i)refund.*policy on a 100 KB prompt (std::regex overflowed the stack)") {
    auto big = f.make("version: 1\nresponses:\n  - match: {regex: \"(?i)refund.*policy\"}\n    reply: matched\n"
                      "  - default: true\n    reply: none\n",
                      "mocks/big.yaml");
    std::string filler(100 * 1024, 'x');
    CHECK(reply_of(*big, user_request("Refund " + filler + " POLICY")).text == "matched");
    CHECK(reply_of(*big, user_request("Refund " + filler)).text == "none");
  }
  SUBCASE("the regex searches every message, joined") {
    core::llm::Request request;
    request.messages = {{"system", "Policy: refund within 14 days", {}, {}}, {"user", "hello", {}, {}}};
    CHECK(reply_of(*client, request).text == "Refunds are issued within 14 days.");
  }
  SUBCASE("vars, including a dotted path; all listed vars must match") {
    CHECK(reply_of(*client, with_vars("x", {{"intent", "billing"}, {"customer", {{"tier", "gold"}}}})).text ==
          "Gold billing");
  }
  SUBCASE("a sequence cycles deterministically") {
    std::vector<std::string> seen;
    for (int i = 0; i < 4; ++i) seen.push_back(reply_of(*client, with_vars("x", {{"intent", "billing"}})).text);
    CHECK(seen == std::vector<std::string>{"first", "second", "third", "first"});
  }
  SUBCASE("tool calls and JSON replies") {
    auto calls = reply_of(*client, user_request("what's the weather"));
    REQUIRE(calls.tool_calls.size() == 1);
    CHECK(calls.tool_calls[0].id == "call_1");
    CHECK(calls.tool_calls[0].name == "get_weather");
    CHECK(calls.tool_calls[0].arguments_json == R"({"city":"Paris"})");
    CHECK(calls.finish_reason == "tool_calls");
    CHECK(reply_of(*client, user_request("schema please")).text == R"({"intent":"smalltalk","score":1})");
  }
  SUBCASE("default, with estimated usage") {
    auto r = reply_of(*client, user_request("something else"));
    CHECK(r.text == "I don't know.");
    CHECK(r.usage.estimated);
    CHECK(r.usage.output_tokens == 4);
  }
  SUBCASE("simulated failures") {
    auto limited = std::get<Failure>(complete_within(*client, user_request("overload")));
    CHECK(limited.kind == FailureKind::rate_limited);
    CHECK(limited.http_status == 429);
    CHECK(limited.message == "HTTP 429: Rate limit reached");
    auto timeout = std::get<Failure>(complete_within(*client, user_request("hang")));
    CHECK(timeout.kind == FailureKind::timeout);
    CHECK(timeout.http_status == 0);
  }
  SUBCASE("streaming callers get the text as one delta") {
    TokenLog tokens;
    auto outcome = complete_within(*client, user_request("refund"), tokens.sink());
    CHECK(tokens.joined() == "Refunds are issued within 14 days.");
  }
}

namespace {
// Threads of this process, from /proc.
std::size_t thread_count() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++n;
  return n;
}
}  // namespace

TEST_CASE("mock: simulated latency does not hold a thread per call") {
  MockFixture f;
  auto client = f.make(k_script);
  auto start = std::chrono::steady_clock::now();
  const auto threads_before = thread_count();
  constexpr int k_calls = 50;
  std::vector<std::future<core::llm::Outcome>> futures;
  for (int i = 0; i < k_calls; ++i) {
    auto promise = std::make_shared<std::promise<core::llm::Outcome>>();
    futures.push_back(promise->get_future());
    client->submit(user_request("slow"), [promise](core::llm::Outcome o) { promise->set_value(std::move(o)); });
  }
  // The calls wait on the shared timer thread, not on threads of their own.
  CHECK(thread_count() <= threads_before + 2);
  for (auto& future : futures) CHECK(std::get<Response>(future.get()).text == "eventually");
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(200));
}

TEST_CASE("mock: no match and no default is a config failure naming the file and the prompt") {
  MockFixture f;
  auto client = f.make("version: 1\nresponses:\n  - match: {regex: refund}\n    reply: ok\n");
  auto failure = std::get<Failure>(complete_within(*client, user_request("Where is my parcel?")));
  CHECK(failure.kind == FailureKind::config);
  CHECK(failure.message.find("mocks/support.yaml") != std::string::npos);
  CHECK(failure.message.find("no response matches the prompt \"Where is my parcel?\"") != std::string::npos);
}

TEST_CASE("mock: invalid files are located errors") {
  MockFixture f;
  auto error_of = [&](std::string_view script) -> std::string {
    try {
      f.make(script);
    } catch (const core::Error& e) {
      CHECK(e.kind() == core::ErrorKind::invalid_input);
      return e.what();
    }
    return "no error";
  };
  SUBCASE("an unknown key") {
    auto message = error_of("version: 1\nresponses:\n  - match: {regex: a}\n    replly: x\n");
    CHECK(message.find(":4:5: responses[0].replly") != std::string::npos);
  }
  SUBCASE("an invalid regex") {
    auto message = error_of("version: 1\nresponses:\n  - match: {regex: \"(\"}\n    reply: x\n");
    CHECK(message.find(":3:20: responses[0].match.regex: invalid regular expression: missing ): (") != std::string::npos);
  }
  SUBCASE("both reply and json") {
    auto message = error_of("version: 1\nresponses:\n  - default: true\n    reply: x\n    json: {a: 1}\n");
    CHECK(message.find("give either reply or json, not both") != std::string::npos);
  }
  SUBCASE("two defaults") {
    auto message = error_of("version: 1\nresponses:\n  - default: true\n    reply: x\n  - default: true\n    reply: y\n");
    CHECK(message.find("a second default rule (the first is at line 3)") != std::string::npos);
  }
  SUBCASE("a rule without match or default") {
    auto message = error_of("version: 1\nresponses:\n  - reply: x\n");
    CHECK(message.find("expected match or default: true") != std::string::npos);
  }
  SUBCASE("an unknown failure kind") {
    auto message = error_of("version: 1\nresponses:\n  - default: true\n    error: {kind: timout}\n");
    CHECK(message.find("unknown failure kind \"timout\"") != std::string::npos);
  }
  SUBCASE("a missing version") {
    auto message = error_of("responses: []\n");
    CHECK(message.find("version") != std::string::npos);
  }
  SUBCASE("a missing file") {
    core::config::ProviderConfig config;
    config.name = "local";
    config.kind = "mock";
    config.options["responses"] = (f.dir.path() / "absent.yaml").string();
    CHECK_THROWS_AS(providers::make_client(config, {}), core::Error);
  }
  SUBCASE("no responses option") {
    core::config::ProviderConfig config;
    config.name = "local";
    config.kind = "mock";
    try {
      providers::make_client(config, {});
      FAIL("expected an error");
    } catch (const core::Error& e) {
      CHECK(std::string(e.what()) == "providers.local.responses: required for kind mock");
    }
  }
}
