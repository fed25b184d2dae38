#include <doctest/doctest.h>

#include "core/error.hpp"
#include "providers/openai/chat_reply.hpp"
#include "providers/openai/chat_request.hpp"
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
  "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini-2024-07-18",
  "choices": [{"index": 0, "finish_reason": "stop",
               "message": {"role": "assistant", "content": "Refunds take 14 days."}}],
  "usage": {"prompt_tokens": 12, "completion_tokens": 6, "total_tokens": 18}})";

core::llm::Request full_request() {
  core::llm::Request request;
  request.messages = {
      {"system", "Be brief.", {}, {}},
      {"user", "Weather in Paris?", {}, {}},
      {"assistant", "", {{"call_1", "get_weather", R"({"city":"Paris"})"}}, {}},
      {"tool", R"({"temp":21})", {}, "call_1"},
  };
  request.temperature = 0.2;
  request.top_p = 0.9;
  request.max_tokens = 100;
  request.seed = 42;
  request.stop = {"END"};
  request.tools = {{"get_weather", "Current weather", json{{"type", "object"}, {"properties", {{"city", {{"type", "string"}}}}}}}};
  request.response_format = json{{"type", "json_object"}};
  request.vars = json{{"secret_var", "not sent"}};
  return request;
}

}  // namespace

TEST_CASE("openai: the request matches the Chat Completions shape, field by field") {
  KindFixture f;
  f.env["MY_KEY"] = "sk-test-0123456789";
  auto config = f.config("openai", "gpt-4o-mini", "/v1");
  config.api_key_env = "MY_KEY";
  auto client = f.client(config);
  f.server.push(Reply::json(200, k_reply));
  auto outcome = complete_within(*client, full_request());
  REQUIRE(std::holds_alternative<Response>(outcome));

  auto recorded = f.server.requests().at(0);
  CHECK(recorded.method == "POST");
  CHECK(recorded.path == "/v1/chat/completions");
  CHECK(recorded.header("authorization") == "Bearer sk-test-0123456789");
  CHECK(recorded.header("content-type") == "application/json");
  json body = json::parse(recorded.body);
  CHECK(body["model"] == "gpt-4o-mini");
  CHECK(body["messages"] == json::parse(R"([
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Weather in Paris?"},
    {"role": "assistant", "content": null, "tool_calls": [
      {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]},
    {"role": "tool", "content": "{\"temp\":21}", "tool_call_id": "call_1"}])"));
  CHECK(body["temperature"] == 0.2);
  CHECK(body["top_p"] == 0.9);
  CHECK(body["max_tokens"] == 100);
  CHECK(body["seed"] == 42);
  CHECK(body["stop"] == json::array({"END"}));
  CHECK(body["tools"] == json::parse(R"([{"type": "function", "function": {"name": "get_weather",
    "description": "Current weather",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}])"));
  CHECK(body["response_format"] == json{{"type", "json_object"}});
  CHECK_FALSE(body.contains("stream"));
  CHECK_FALSE(body.contains("vars"));
  CHECK_FALSE(body.contains("secret_var"));
}

TEST_CASE("openai: a local server gets no Authorization header and unset fields are omitted") {
  KindFixture f;
  f.env["OPENAI_API_KEY"] = "sk-real-vendor-key-must-not-leak";
  auto client = f.client(f.config("openai", "Qwen/Qwen2.5-7B-Instruct", "/v1"));
  f.server.push(Reply::json(200, k_reply));
  auto outcome = complete_within(*client, user_request("hi"));
  REQUIRE(std::holds_alternative<Response>(outcome));
  auto recorded = f.server.requests().at(0);
  CHECK(recorded.header("authorization") == "");
  json body = json::parse(recorded.body);
  CHECK(body == json::parse(R"({"model": "Qwen/Qwen2.5-7B-Instruct", "messages": [{"role": "user", "content": "hi"}]})"));
}

TEST_CASE("openai: the reply is parsed into text, finish reason, model, usage and cost") {
  KindFixture f;
  auto config = f.config("openai", "gpt-4o-mini", "/v1");
  auto deps = f.deps();
  deps.prices["gpt-4o-mini"] = {1.0, 2.0};
  auto client = providers::make_client(config, deps);
  f.server.push(Reply::json(200, k_reply));
  auto outcome = complete_within(*client, user_request("refund?"));
  REQUIRE(std::holds_alternative<Response>(outcome));
  const auto& r = std::get<Response>(outcome);
  CHECK(r.text == "Refunds take 14 days.");
  CHECK(r.finish_reason == "stop");
  CHECK(r.model == "gpt-4o-mini-2024-07-18");
  CHECK(r.usage.input_tokens == 12);
  CHECK(r.usage.output_tokens == 6);
  CHECK_FALSE(r.usage.estimated);
  CHECK(r.cost_usd == doctest::Approx((12 * 1.0 + 6 * 2.0) / 1e6));
  CHECK(r.latency.count() > 0);
  CHECK_FALSE(r.cache_hit);
}

TEST_CASE("openai: tool calls round-trip from a reply into the next request") {
  KindFixture f;
  auto client = f.client(f.config("openai", "gpt-4o-mini", "/v1"));
  f.server.push(Reply::json(200, R"({"model": "m", "choices": [{"index": 0, "finish_reason": "tool_calls",
    "message": {"role": "assistant", "content": null, "tool_calls": [
      {"id": "call_9", "type": "function", "function": {"name": "lookup", "arguments": "{\"id\": 7}"}}]}}]})"));
  f.server.push(Reply::json(200, k_reply));
  auto first = complete_within(*client, user_request("find 7"));
  REQUIRE(std::holds_alternative<Response>(first));
  const auto& call_reply = std::get<Response>(first);
  CHECK(call_reply.text == "");
  CHECK(call_reply.finish_reason == "tool_calls");
  REQUIRE(call_reply.tool_calls.size() == 1);
  CHECK(call_reply.tool_calls[0].id == "call_9");
  CHECK(call_reply.tool_calls[0].name == "lookup");
  CHECK(call_reply.tool_calls[0].arguments_json == "{\"id\": 7}");

  auto next = user_request("find 7");
  next.messages.push_back({"assistant", call_reply.text, call_reply.tool_calls, {}});
  next.messages.push_back({"tool", "found", {}, "call_9"});
  REQUIRE(std::holds_alternative<Response>(complete_within(*client, next)));
  json sent = f.body(1)["messages"];
  CHECK(sent[1]["tool_calls"][0] == json::parse(R"({"id": "call_9", "type": "function",
    "function": {"name": "lookup", "arguments": "{\"id\": 7}"}})"));
  CHECK(sent[2] == json::parse(R"({"role": "tool", "content": "found", "tool_call_id": "call_9"})"));
}

TEST_CASE("openai: failures are classified with the provider's message, and the key never shows") {
  KindFixture f;
  const std::string key = "sk-canary-9f8e7d6c5b4a3210";
  f.env["OPENAI_KEY_VAR"] = key;
  auto config = f.config("openai", "gpt-4o-mini", "/v1");
  config.api_key_env = "OPENAI_KEY_VAR";
  auto client = f.client(config);

  SUBCASE("401 is auth, with the provider's message, the key redacted even when echoed") {
    f.server.push(Reply::json(401, R"({"error": {"message": "Incorrect API key provided: )" + key +
                                         R"(.", "type": "invalid_request_error", "code": "invalid_api_key"}})"));
    auto outcome = complete_within(*client, user_request("hi"));
    REQUIRE(std::holds_alternative<Failure>(outcome));
    const auto& failure = std::get<Failure>(outcome);
    CHECK(failure.kind == FailureKind::auth);
    CHECK(failure.http_status == 401);
    CHECK(failure.message == "HTTP 401: Incorrect API key provided: [REDACTED].");
    CHECK(failure.url == f.server.url("/v1/chat/completions"));
    CHECK(failure.message.find(key) == std::string::npos);
  }
  SUBCASE("malformed JSON in a 200 is malformed") {
    f.server.push(Reply::json(200, R"({"choices": [)"));
    auto failure = std::get<Failure>(complete_within(*client, user_request("hi")));
    CHECK(failure.kind == FailureKind::malformed);
    CHECK(failure.message.rfind("malformed reply: invalid JSON", 0) == 0);
    CHECK(failure.http_status == 200);
  }
  SUBCASE("an empty 200 is malformed") {
    f.server.push(Reply::json(200, ""));
    auto failure = std::get<Failure>(complete_within(*client, user_request("hi")));
    CHECK(failure.kind == FailureKind::malformed);
    CHECK(failure.message == "empty reply body");
  }
  SUBCASE("a 200 without choices is malformed") {
    f.server.push(Reply::json(200, R"({"id": "x"})"));
    auto failure = std::get<Failure>(complete_within(*client, user_request("hi")));
    CHECK(failure.kind == FailureKind::malformed);
    CHECK(failure.message == "malformed reply: no choices[0]");
  }
  SUBCASE("a reply nested 100,000 deep fails cleanly") {
    f.server.push(Reply::json(200, std::string(100'000, '[') + std::string(100'000, ']')));
    auto failure = std::get<Failure>(complete_within(*client, user_request("hi")));
    CHECK(failure.kind == FailureKind::malformed);
    CHECK(failure.message == "malformed reply: JSON nested deeper than 64 levels");
  }
  SUBCASE("a 400 is bad_request with the message; an echoed key inside a 500 is redacted") {
    f.server.push(Reply::json(400, R"({"error": {"message": "max_tokens is too large", "type": "invalid_request_error"}})"));
    auto bad = std::get<Failure>(complete_within(*client, user_request("hi")));
    CHECK(bad.kind == FailureKind::bad_request);
    CHECK(bad.message == "HTTP 400: max_tokens is too large");
    f.server.push(Reply::text(500, "upstream said Bearer " + key));
    auto server = std::get<Failure>(complete_within(*client, user_request("hi")));
    CHECK(server.kind == FailureKind::server);
    CHECK(server.message.find(key) == std::string::npos);
  }
}

TEST_CASE("openai: invalid UTF-8 in the output becomes U+FFFD") {
  KindFixture f;
  auto client = f.client(f.config("openai", "m", "/v1"));
  f.server.push(Reply::json(200, "{\"model\":\"m\",\"choices\":[{\"index\":0,\"finish_reason\":\"length\","
                                 "\"message\":{\"role\":\"assistant\",\"content\":\"caf\xC3\"}}]}"));
  auto outcome = complete_within(*client, user_request("hi"));
  REQUIRE(std::holds_alternative<Response>(outcome));
  CHECK(std::get<Response>(outcome).text == "caf\xEF\xBF\xBD");
  CHECK(std::get<Response>(outcome).usage.estimated);
}

TEST_CASE("openai: streaming over SSE, delivered in small chunks") {
  KindFixture f;
  auto client = f.client(f.config("openai", "gpt-4o-mini", "/v1"));
  std::vector<std::string> chunks;
  for (std::size_t i = 0; i < k_openai_stream.size(); i += 7) chunks.emplace_back(k_openai_stream.substr(i, 7));
  f.server.push(Reply::sse(chunks));
  TokenLog tokens;
  auto outcome = complete_within(*client, user_request("weather?"), tokens.sink());
  REQUIRE(std::holds_alternative<Response>(outcome));
  const auto& r = std::get<Response>(outcome);
  CHECK(r.text == "Caf\xC3\xA9 ol\xC3\xA9");
  CHECK(tokens.joined() == r.text);
  CHECK(r.finish_reason == "tool_calls");
  REQUIRE(r.tool_calls.size() == 1);
  CHECK(r.tool_calls[0].arguments_json == R"({"city":"Paris"})");
  CHECK(r.usage.input_tokens == 21);
  CHECK(r.usage.output_tokens == 9);
  json body = f.body();
  CHECK(body["stream"] == true);
  CHECK(body["stream_options"] == json{{"include_usage", true}});
}

TEST_CASE("openai: a stream that stops early or carries an error event fails") {
  KindFixture f;
  auto client = f.client(f.config("openai", "gpt-4o-mini", "/v1"));
  TokenLog tokens;
  SUBCASE("no [DONE] and no finish_reason") {
    f.server.push(Reply::sse({"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"par\"}}]}\n\n"}));
    auto failure = std::get<Failure>(complete_within(*client, user_request("x"), tokens.sink()));
    CHECK(failure.kind == FailureKind::malformed);
    CHECK(failure.message == "malformed stream: ended before the reply was complete");
  }
  SUBCASE("an error object mid-stream") {
    f.server.push(Reply::sse({"data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}\n\n"}));
    auto failure = std::get<Failure>(complete_within(*client, user_request("x"), tokens.sink()));
    CHECK(failure.kind == FailureKind::server);
    CHECK(failure.message == "The server had an error");
  }
  SUBCASE("an empty stream") {
    f.server.push(Reply::sse({}));
    auto failure = std::get<Failure>(complete_within(*client, user_request("x"), tokens.sink()));
    CHECK(failure.kind == FailureKind::malformed);
  }
}

TEST_CASE("openai: embeddings are read in index order") {
  KindFixture f;
  auto client = f.client(f.config("openai", "text-embedding-3-small", "/v1"));
  f.server.push(Reply::json(200, R"({"object": "list", "model": "text-embedding-3-small",
    "data": [{"object": "embedding", "index": 1, "embedding": [0.0, 1.0]},
             {"object": "embedding", "index": 0, "embedding": [1.0, 0.0]}],
    "usage": {"prompt_tokens": 4, "total_tokens": 4}})"));
  std::vector<std::string> texts = {"first", "second"};
  auto vectors = client->embed(texts);
  REQUIRE(vectors.size() == 2);
  CHECK(vectors[0] == std::vector<float>{1.0f, 0.0f});
  CHECK(vectors[1] == std::vector<float>{0.0f, 1.0f});
  auto recorded = f.server.requests().at(0);
  CHECK(recorded.path == "/v1/embeddings");
  CHECK(json::parse(recorded.body) == json::parse(R"({"model": "text-embedding-3-small",
    "input": ["first", "second"], "encoding_format": "float"})"));

  f.server.push(Reply::json(401, R"({"error": {"message": "bad key"}})"));
  try {
    client->embed(texts);
    FAIL("expected an error");
  } catch (const core::Error& e) {
    CHECK(e.kind() == core::ErrorKind::provider);
    CHECK(std::string(e.what()) ==
          "provider p: embeddings failed (auth): HTTP 401: bad key (no API key is sent: set api_key_env for this "
          "provider in genops.yaml to the environment variable that holds the key)");
    REQUIRE(e.hints().size() == 1);
    CHECK(e.hints()[0] == "endpoint: " + f.server.url("/v1/embeddings"));
  }
}

TEST_CASE("openai: a 401 from a provider that sends no key says so (issue 11 C2)") {
  KindFixture f;
  auto client = f.client(f.config("openai", "m", "/v1"));  // a local server: no api_key_env, no key sent
  f.server.push(Reply::json(401, R"({"error": {"message": "Missing bearer token", "type": "invalid_request_error"}})"));
  auto failure = std::get<Failure>(complete_within(*client, user_request("hi")));
  CHECK(f.server.requests().at(0).header("authorization") == "");
  CHECK(failure.kind == FailureKind::auth);
  CHECK(failure.message ==
        "HTTP 401: Missing bearer token (no API key is sent: set api_key_env for this provider in genops.yaml to "
        "the environment variable that holds the key)");
  CHECK(failure.url == f.server.url("/v1/chat/completions"));
  SUBCASE("other failures carry no such note") {
    f.server.push(Reply::json(404, R"({"error": {"message": "model m not found"}})"));
    auto other = std::get<Failure>(complete_within(*client, user_request("hi")));
    CHECK(other.message == "HTTP 404: model m not found");
  }
}

TEST_CASE("openai: OpenAI's own endpoint gets max_completion_tokens, compatible servers max_tokens") {
  auto request = user_request("hi");
  request.max_tokens = 30;
  auto local = providers::openai::build_chat_body(request, providers::common::Streaming::no);
  CHECK(local["max_tokens"] == 30);
  CHECK_FALSE(local.contains("max_completion_tokens"));
  auto vendor = providers::openai::build_chat_body(request, providers::common::Streaming::no,
                                                   providers::openai::MaxTokensField::max_completion_tokens);
  CHECK(vendor["max_completion_tokens"] == 30);
  CHECK_FALSE(vendor.contains("max_tokens"));
}
