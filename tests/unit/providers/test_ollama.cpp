#include <doctest/doctest.h>

#include "providers/ollama/chat_reply.hpp"
#include "tests/unit/providers/provider_test_support.hpp"
#include "tests/unit/providers/recorded_streams.hpp"

using namespace genops;
using namespace genops::test;
using core::llm::Failure;
using core::llm::FailureKind;
using core::llm::Response;
using nlohmann::json;

namespace {

constexpr const char* k_reply = R"({"model": "llama3.1:8b", "created_at": "2025-01-01T00:00:00Z",
  "message": {"role": "assistant", "content": "Hi there."}, "done": true, "done_reason": "stop",
  "prompt_eval_count": 26, "eval_count": 4})";

}  // namespace

TEST_CASE("ollama: the request matches /api/chat, field by field") {
  KindFixture f;
  auto config = f.config("ollama", "llama3.1:8b");
  config.options["keep_alive"] = "10m";
  auto client = f.client(config);
  f.server.push(Reply::json(200, k_reply));
  core::llm::Request request;
  request.messages = {{"user", "weather?", {}, {}},
                      {"assistant", "", {{"c1", "get_weather", R"({"city":"Paris"})"}}, {}},
                      {"tool", "21C", {}, "c1"}};
  request.temperature = 0.1;
  request.top_p = 0.5;
  request.max_tokens = 64;
  request.seed = 3;
  request.stop = {"\n\n"};
  request.tools = {{"get_weather", "Current weather", json{{"type", "object"}}}};
  request.response_format = json{{"type", "json_schema"}, {"json_schema", {{"name", "w"}, {"schema", {{"type", "object"}}}}}};
  REQUIRE(std::holds_alternative<Response>(complete_within(*client, request)));
  auto recorded = f.server.requests().at(0);
  CHECK(recorded.path == "/api/chat");
  CHECK(recorded.header("authorization") == "");
  CHECK(json::parse(recorded.body) == json::parse(R"({
    "model": "llama3.1:8b",
    "messages": [
      {"role": "user", "content": "weather?"},
      {"role": "assistant", "content": "", "tool_calls": [{"function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]},
      {"role": "tool", "content": "21C", "tool_name": "get_weather"}],
    "stream": false,
    "options": {"temperature": 0.1, "top_p": 0.5, "num_predict": 64, "seed": 3, "stop": ["\n\n"]},
    "format": {"type": "object"},
    "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Current weather",
               "parameters": {"type": "object"}}}],
    "keep_alive": "10m"})"));
}

TEST_CASE("ollama: json_object asks for format json; the reply and its counts are parsed") {
  KindFixture f;
  auto client = f.client(f.config("ollama", "llama3.1:8b"));
  f.server.push(Reply::json(200, k_reply));
  auto request = user_request("hi");
  request.response_format = json{{"type", "json_object"}};
  auto outcome = complete_within(*client, request);
  REQUIRE(std::holds_alternative<Response>(outcome));
  CHECK(f.body()["format"] == "json");
  CHECK_FALSE(f.body().contains("options"));
  const auto& r = std::get<Response>(outcome);
  CHECK(r.text == "Hi there.");
  CHECK(r.finish_reason == "stop");
  CHECK(r.model == "llama3.1:8b");
  CHECK(r.usage.input_tokens == 26);
  CHECK(r.usage.output_tokens == 4);
  CHECK(r.cost_usd == 0.0);
}

TEST_CASE("ollama: tool calls get ids and object arguments become JSON text") {
  KindFixture f;
  auto client = f.client(f.config("ollama", "llama3.1:8b"));
  f.server.push(Reply::json(200, R"({"model": "llama3.1:8b", "message": {"role": "assistant", "content": "",
    "tool_calls": [{"function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]},
    "done": true, "done_reason": "stop", "prompt_eval_count": 10, "eval_count": 5})"));
  auto r = std::get<Response>(complete_within(*client, user_request("weather?")));
  REQUIRE(r.tool_calls.size() == 1);
  CHECK(r.tool_calls[0].id == "call_0");
  CHECK(r.tool_calls[0].name == "get_weather");
  CHECK(r.tool_calls[0].arguments_json == R"({"city":"Paris"})");
  CHECK(r.finish_reason == "tool_calls");
}

TEST_CASE("ollama: NDJSON streaming, split at every byte boundary") {
  auto decode = [](std::size_t cut) {
    providers::ollama::ChatStreamDecoder decoder;
    std::string tokens;
    auto sink = [&](std::string_view d) { tokens += d; };
    decoder.feed(k_ollama_stream.substr(0, cut), sink);
    decoder.feed(k_ollama_stream.substr(cut), sink);
    auto r = std::get<Response>(decoder.finish());
    return r.text + "|" + tokens + "|" + r.finish_reason + "|" + std::to_string(r.usage.input_tokens) + "|" +
           std::to_string(r.usage.output_tokens);
  };
  std::string whole = decode(0);
  CHECK(whole == "Hello \xC3\xA9|Hello \xC3\xA9|stop|26|3");
  for (std::size_t cut = 1; cut <= k_ollama_stream.size(); ++cut) CHECK_MESSAGE(decode(cut) == whole, "split at " << cut);

  KindFixture f;
  auto client = f.client(f.config("ollama", "llama3.1:8b"));
  std::vector<std::string> chunks;
  for (std::size_t i = 0; i < k_ollama_stream.size(); i += 11) chunks.emplace_back(k_ollama_stream.substr(i, 11));
  f.server.push(Reply::sse(chunks));
  TokenLog tokens;
  auto r = std::get<Response>(complete_within(*client, user_request("hi"), tokens.sink()));
  CHECK(r.text == "Hello \xC3\xA9");
  CHECK(tokens.joined() == r.text);
  CHECK(f.body()["stream"] == true);
}

TEST_CASE("ollama: errors") {
  KindFixture f;
  auto client = f.client(f.config("ollama", "nope"));
  SUBCASE("a 404 for an unknown model carries Ollama's message") {
    f.server.push(Reply::json(404, R"({"error": "model \"nope\" not found, try pulling it first"})"));
    auto failure = std::get<Failure>(complete_within(*client, user_request("hi")));
    CHECK(failure.kind == FailureKind::bad_request);
    CHECK(failure.message == "HTTP 404: model \"nope\" not found, try pulling it first");
  }
  SUBCASE("an error line mid-stream") {
    f.server.push(Reply::sse({"{\"model\":\"nope\",\"message\":{\"content\":\"a\"},\"done\":false}\n",
                              "{\"error\":\"model runner crashed\"}\n"}));
    TokenLog tokens;
    auto failure = std::get<Failure>(complete_within(*client, user_request("hi"), tokens.sink()));
    CHECK(failure.kind == FailureKind::server);
    CHECK(failure.message == "model runner crashed");
  }
  SUBCASE("a stream without its done line") {
    f.server.push(Reply::sse({"{\"model\":\"nope\",\"message\":{\"content\":\"a\"},\"done\":false}\n"}));
    TokenLog tokens;
    auto failure = std::get<Failure>(complete_within(*client, user_request("hi"), tokens.sink()));
    CHECK(failure.kind == FailureKind::malformed);
    CHECK(failure.message == "malformed stream: ended before \"done\": true");
  }
}

TEST_CASE("ollama: /api/embed") {
  KindFixture f;
  auto config = f.config("ollama", "nomic-embed-text");
  auto client = f.client(config);
  f.server.push(Reply::json(200, R"({"model": "nomic-embed-text", "embeddings": [[0.5, 0.5], [1, 0]]})"));
  std::vector<std::string> texts = {"a", "b"};
  auto vectors = client->embed(texts);
  REQUIRE(vectors.size() == 2);
  CHECK(vectors[1] == std::vector<float>{1.0f, 0.0f});
  auto recorded = f.server.requests().at(0);
  CHECK(recorded.path == "/api/embed");
  CHECK(json::parse(recorded.body) == json::parse(R"({"model": "nomic-embed-text", "input": ["a", "b"]})"));
}
