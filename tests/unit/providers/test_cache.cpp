#include <doctest/doctest.h>

#include "providers/cache/cache_key.hpp"
#include "providers/cache/cached_response.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/providers/provider_test_support.hpp"

using namespace genops;
using namespace genops::test;
using core::llm::Failure;
using core::llm::Response;
using providers::cache::cache_key;
using providers::cache::ProviderIdentity;

namespace {

constexpr const char* k_reply = R"({"model": "m-1", "choices": [{"index": 0, "finish_reason": "stop",
  "message": {"role": "assistant", "content": "cached answer"}}], "usage": {"prompt_tokens": 5, "completion_tokens": 2}})";

}  // namespace

TEST_CASE("cache::cache_key: every output-affecting field changes the key") {
  ProviderIdentity id{"openai", "http://h/v1", ""};
  auto base = user_request("hello");
  auto key = cache_key(id, "m", base);
  CHECK(key.size() == 64);
  CHECK(cache_key(id, "m", base) == key);
  auto changed = [&](auto mutate) {
    auto request = base;
    mutate(request);
    return cache_key(id, "m", request) != key;
  };
  CHECK(changed([](auto& r) { r.messages[0].content = "hello!"; }));
  CHECK(changed([](auto& r) { r.messages[0].role = "system"; }));
  CHECK(changed([](auto& r) { r.temperature = 0.0; }));
  CHECK(changed([](auto& r) { r.top_p = 1.0; }));
  CHECK(changed([](auto& r) { r.max_tokens = 10; }));
  CHECK(changed([](auto& r) { r.seed = 1; }));
  CHECK(changed([](auto& r) { r.stop = {"x"}; }));
  CHECK(changed([](auto& r) { r.tools = {{"t", "", nlohmann::json::object()}}; }));
  CHECK(changed([](auto& r) { r.response_format = {{"type", "json_object"}}; }));
  CHECK(changed([](auto& r) { r.messages.push_back({"assistant", "", {{"c", "t", "{}"}}, {}}); }));
  CHECK(cache_key(id, "other-model", base) != key);
  CHECK(cache_key({"openai", "http://other/v1", ""}, "m", base) != key);
  CHECK(cache_key({"ollama", "http://h/v1", ""}, "m", base) != key);
  // Not output-affecting for real providers: vars and the cache policy.
  CHECK_FALSE(changed([](auto& r) { r.vars = {{"a", 1}}; }));
  CHECK_FALSE(changed([](auto& r) { r.cache = core::llm::CachePolicy::bypass; }));
  // The mock's replies depend on vars and on its file.
  ProviderIdentity mock{"mock", "", "digest-1"};
  auto with_vars = base;
  with_vars.vars = {{"a", 1}};
  CHECK(cache_key(mock, "m", base) != cache_key(mock, "m", with_vars));
  CHECK(cache_key(mock, "m", base) != cache_key({"mock", "", "digest-2"}, "m", base));
}

TEST_CASE("cache: miss then hit, bypass, failures never stored") {
  KindFixture f;
  MemoryCache cache;
  f.cache = &cache;
  auto client = f.client(f.config("openai", "m", "/v1"));

  f.server.push(Reply::json(200, k_reply));
  auto first = std::get<Response>(complete_within(*client, user_request("q")));
  CHECK_FALSE(first.cache_hit);
  CHECK(cache.size() == 1);

  auto second = std::get<Response>(complete_within(*client, user_request("q")));
  CHECK(second.cache_hit);
  CHECK(second.text == "cached answer");
  CHECK(second.model == "m-1");
  CHECK(second.usage.input_tokens == 5);
  CHECK(second.cost_usd == 0.0);
  CHECK(f.server.request_count() == 1);

  TokenLog tokens;
  auto streamed = std::get<Response>(complete_within(*client, user_request("q"), tokens.sink()));
  CHECK(streamed.cache_hit);
  CHECK(tokens.joined() == "cached answer");

  auto bypass = user_request("q");
  bypass.cache = core::llm::CachePolicy::bypass;
  f.server.push(Reply::json(200, k_reply));
  auto fresh = std::get<Response>(complete_within(*client, bypass));
  CHECK_FALSE(fresh.cache_hit);
  CHECK(f.server.request_count() == 2);
  CHECK(cache.puts == 2);  // bypass still refreshes the entry

  f.server.push(Reply::json(500, R"({"error": {"message": "boom"}})"));
  CHECK(std::holds_alternative<Failure>(complete_within(*client, user_request("other"))));
  CHECK(cache.size() == 1);
}

TEST_CASE("cache: a damaged entry reads as a miss") {
  CHECK_FALSE(providers::cache::deserialize_response("not json"));
  CHECK_FALSE(providers::cache::deserialize_response(R"({"v": 99})"));
  Response r;
  r.text = "t";
  r.tool_calls = {{"id", "n", "{}"}};
  r.usage = {3, 4, true};
  auto back = providers::cache::deserialize_response(providers::cache::serialize_response(r));
  REQUIRE(back);
  CHECK(back->text == "t");
  CHECK(back->tool_calls[0].arguments_json == "{}");
  CHECK(back->usage.estimated);
}

TEST_CASE("cache: mock replies are cached per file content and vars") {
  TempDir dir;
  dir.write("m.yaml", "version: 1\nresponses:\n  - default: true\n    replies: [one, two]\n");
  MemoryCache cache;
  core::config::ProviderConfig config;
  config.name = "local";
  config.kind = "mock";
  config.options["responses"] = (dir.path() / "m.yaml").string();
  providers::ClientDeps deps;
  deps.cache = &cache;
  auto client = providers::make_client(config, deps);
  CHECK(std::get<Response>(complete_within(*client, user_request("x"))).text == "one");
  CHECK(std::get<Response>(complete_within(*client, user_request("x"))).text == "one");  // a hit
  auto repeat = user_request("x");
  repeat.cache = core::llm::CachePolicy::bypass;  // eval repeats bypass the cache
  CHECK(std::get<Response>(complete_within(*client, repeat)).text == "two");
}
