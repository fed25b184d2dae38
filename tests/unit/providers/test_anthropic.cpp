#include <doctest/doctest.h>

#include "core/error.hpp"
#include "tests/unit/providers/provider_test_support.hpp"
#include "tests/unit/providers/recorded_streams.hpp"

using namespace genops;
using namespace genops::test;
using core::llm::Failure;
using core::llm::FailureKind;
using core::llm::Response;
using nlohmann::json;

namespace {

constexpr const char* k_reply = R"({
  "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
  "content": [{"type": "text", "text": "Checking."},
              {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}],
  "stop_reason": "tool_use", "stop_sequence": null,
  "usage": {"input_tokens": 30, "output_tokens": 12}})";

struct AnthropicFixture : KindFixture {
  std::string key = "sk-ant-canary-0123456789abcdef";
  std::unique_ptr<core::llm::ModelClient> make() {
    env["ANTHROPIC_API_KEY"] = key;
    auto c = config("anthropic", "claude-sonnet-4-5");
    c.api_key_env = "ANTHROPIC_API_KEY";
    return client(c);
  }
};

}  // namespace

TEST_CASE("anthropic: the request matches the Messages API shape, field by field") {
  AnthropicFixture f;
  auto client = f.make();
  f.server.push(Reply::json(200, k_reply));
  core::llm::Request request;
  request.messages = {
      {"system", "Be brief.", {}, {}},
      {"system", "Use tools.", {}, {}},
      {"user", "Weather in Paris and Rome?", {}, {}},
      {"assistant", "Checking.", {{"toolu_1", "get_weather", R"({"city":"Paris"})"}, {"toolu_2", "get_weather", ""}}, {}},
      {"tool", "21C", {}, "toolu_1"},
      {"tool", "25C", {}, "toolu_2"},
  };
  request.temperature = 0.5;
  request.top_p = 0.8;
  request.seed = 7;  // Anthropic has no seed: not sent
  request.stop = {"###"};
  request.tools = {{"get_weather", "Current weather", json{{"type", "object"}}}, {"now", "", json::object()}};
  REQUIRE(std::holds_alternative<Response>(complete_within(*client, request)));

  auto recorded = f.server.requests().at(0);
  CHECK(recorded.path == "/v1/messages");
  CHECK(recorded.header("x-api-key") == f.key);
  CHECK(recorded.header("anthropic-version") == "2023-06-01");
  CHECK(recorded.header("authorization") == "");
  json body = json::parse(recorded.body);
  CHECK(body == json::parse(R"({
    "model": "claude-sonnet-4-5",
    "max_tokens": 1024,
    "system": "Be brief.\n\nUse tools.",
    "messages": [
      {"role": "user", "content": "Weather in Paris and Rome?"},
      {"role": "assistant", "content": [
        {"type": "text", "text": "Checking."},
        {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}},
        {"type": "tool_use", "id": "toolu_2", "name": "get_weather", "input": {}}]},
      {"role": "user", "content": [
        {"type": "tool_result", "tool_use_id": "toolu_1", "content": "21C"},
        {"type": "tool_result", "tool_use_id": "toolu_2", "content": "25C"}]}],
    "temperature": 0.5,
    "top_p": 0.8,
    "stop_sequences": ["###"],
    "tools": [
      {"name": "get_weather", "description": "Current weather", "input_schema": {"type": "object"}},
      {"name": "now", "input_schema": {"type": "object", "properties": {}}}]})"));
}

TEST_CASE("anthropic: the reply's blocks become text and tool calls; stop_reason is mapped") {
  AnthropicFixture f;
  auto client = f.make();
  f.server.push(Reply::json(200, k_reply));
  auto request = user_request("weather?");
  request.max_tokens = 50;
  auto outcome = complete_within(*client, request);
  REQUIRE(std::holds_alternative<Response>(outcome));
  const auto& r = std::get<Response>(outcome);
  CHECK(f.body()["max_tokens"] == 50);
  CHECK(r.text == "Checking.");
  REQUIRE(r.tool_calls.size() == 1);
  CHECK(r.tool_calls[0].id == "toolu_1");
  CHECK(r.tool_calls[0].name == "get_weather");
  CHECK(r.tool_calls[0].arguments_json == R"({"city":"Paris"})");
  CHECK(r.finish_reason == "tool_calls");
  CHECK(r.model == "claude-sonnet-4-5-20250929");
  CHECK(r.usage.input_tokens == 30);
  CHECK(r.usage.output_tokens == 12);
  CHECK(r.cost_usd == 0.0);  // a loopback server is not the vendor: no built-in price
}

TEST_CASE("anthropic: errors carry the provider's message, never the key") {
  AnthropicFixture f;
  auto client = f.make();
  SUBCASE("401 authentication_error") {
    f.server.push(Reply::json(401, R"({"type": "error", "error": {"type": "authentication_error",
      "message": "invalid x-api-key )" + f.key + R"("}})"));
    auto failure = std::get<Failure>(complete_within(*client, user_request("hi")));
    CHECK(failure.kind == FailureKind::auth);
    CHECK(failure.message == "HTTP 401: invalid x-api-key [REDACTED]");
  }
  SUBCASE("529 overloaded is a server failure") {
    f.server.push(Reply::json(529, R"({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})"));
    auto failure = std::get<Failure>(complete_within(*client, user_request("hi")));
    CHECK(failure.kind == FailureKind::server);
    CHECK(failure.message == "HTTP 529: Overloaded");
  }
  SUBCASE("an error event inside a stream") {
    f.server.push(Reply::sse({"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"m\"}}\n\n",
                              "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                              "\"message\":\"Overloaded\"}}\n\n"}));
    TokenLog tokens;
    auto failure = std::get<Failure>(complete_within(*client, user_request("hi"), tokens.sink()));
    CHECK(failure.kind == FailureKind::server);
    CHECK(failure.message == "Overloaded");
  }
  SUBCASE("an empty 200 and malformed JSON") {
    f.server.push(Reply::json(200, ""));
    CHECK(std::get<Failure>(complete_within(*client, user_request("hi"))).kind == FailureKind::malformed);
    f.server.push(Reply::json(200, "{\"content\": [}"));
    CHECK(std::get<Failure>(complete_within(*client, user_request("hi"))).kind == FailureKind::malformed);
  }
}

TEST_CASE("anthropic: streaming events, delivered in small chunks") {
  AnthropicFixture f;
  auto client = f.make();
  std::vector<std::string> chunks;
  for (std::size_t i = 0; i < k_anthropic_stream.size(); i += 5) chunks.emplace_back(k_anthropic_stream.substr(i, 5));
  f.server.push(Reply::sse(chunks));
  TokenLog tokens;
  auto outcome = complete_within(*client, user_request("weather?"), tokens.sink());
  REQUIRE(std::holds_alternative<Response>(outcome));
  const auto& r = std::get<Response>(outcome);
  CHECK(r.text == "Let me check \xE2\x9C\x93");
  CHECK(tokens.joined() == r.text);
  REQUIRE(r.tool_calls.size() == 1);
  CHECK(r.tool_calls[0].arguments_json == R"({"city":"Paris"})");
  CHECK(r.usage.input_tokens == 25);
  CHECK(r.usage.output_tokens == 89);
  CHECK(f.body()["stream"] == true);
}

TEST_CASE("anthropic: a missing key names the variable; embeddings are refused") {
  KindFixture f;
  auto config = f.config("anthropic", "claude-haiku-4-5");
  config.base_url = "";  // the vendor endpoint: a key is required even without api_key_env
  try {
    f.client(config);
    FAIL("expected an error");
  } catch (const core::Error& e) {
    CHECK(e.kind() == core::ErrorKind::invalid_input);
    CHECK(std::string(e.what()) == "providers.p: environment variable ANTHROPIC_API_KEY is not set");
    REQUIRE(e.hints().size() == 1);
    CHECK(e.hints()[0].rfind("export ANTHROPIC_API_KEY=...", 0) == 0);
  }
  AnthropicFixture g;
  auto client = g.make();
  std::vector<std::string> texts = {"x"};
  CHECK_THROWS_AS(client->embed(texts), core::Error);
}
