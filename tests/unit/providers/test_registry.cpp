#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "core/error.hpp"
#include "core/redact.hpp"
#include "providers/describe.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/providers/provider_test_support.hpp"

using namespace genops;
using namespace genops::test;
using core::llm::Response;

namespace {

core::config::ProviderConfig provider(std::string kind, std::string model = "m") {
  core::config::ProviderConfig config;
  config.name = "p";
  config.kind = std::move(kind);
  config.model = std::move(model);
  return config;
}

std::string error_of(const core::config::ProviderConfig& config, const providers::ClientDeps& deps) {
  try {
    providers::make_client(config, deps);
  } catch (const core::Error& e) {
    std::string text = e.what();
    for (const auto& hint : e.hints()) text += " | hint: " + hint;
    return text;
  }
  return "no error";
}

}  // namespace

TEST_CASE("registry: configuration errors name what to fix") {
  KindFixture f;
  SUBCASE("an unknown kind suggests the closest") {
    CHECK(error_of(provider("openia"), f.deps()) ==
          "providers.p.kind: unknown provider kind \"openia\" | hint: did you mean \"openai\"?");
  }
  SUBCASE("a configured key variable that is not set") {
    auto config = f.config("openai", "m", "/v1");
    config.api_key_env = "MY_OPENAI_KEY";
    CHECK(error_of(config, f.deps()) ==
          "providers.p: environment variable MY_OPENAI_KEY is not set | hint: export MY_OPENAI_KEY=... "
          "(keys are read from the environment, never from genops.yaml)");
    f.env["MY_OPENAI_KEY"] = "";
    CHECK(error_of(config, f.deps()).find("MY_OPENAI_KEY is not set") != std::string::npos);
  }
  SUBCASE("the vendor endpoint needs OPENAI_API_KEY even without api_key_env") {
    CHECK(error_of(provider("openai", "gpt-4o-mini"), f.deps()).rfind(
              "providers.p: environment variable OPENAI_API_KEY is not set | hint: export OPENAI_API_KEY=...", 0) == 0);
  }
  SUBCASE("a model is required for HTTP kinds") {
    CHECK(error_of(f.config("ollama", ""), f.deps()) == "providers.p.model: required for kind ollama");
  }
}

TEST_CASE("registry: a resolved key is registered for redaction") {
  KindFixture f;
  const std::string key = "sk-registry-canary-42";
  f.env["OPENAI_API_KEY"] = key;
  auto client = providers::make_client(provider("openai", "gpt-4o-mini"), f.deps());
  CHECK(core::redact("leak " + key) == "leak [REDACTED]");
}

TEST_CASE("describe_provider: what providers list shows") {
  std::map<std::string, std::string> env = {{"OPENAI_API_KEY", "sk-x"}};
  providers::EnvLookup getenv = [&](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(std::string(name));
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  auto gpt = providers::describe_provider(provider("openai", "gpt-4o-mini"), getenv);
  CHECK(gpt.base_url == "https://api.openai.com/v1");
  CHECK(gpt.key_env == "OPENAI_API_KEY");
  CHECK(gpt.key_status == providers::KeyStatus::set);
  CHECK_FALSE(gpt.offline);

  auto claude = providers::describe_provider(provider("anthropic"), getenv);
  CHECK(claude.key_env == "ANTHROPIC_API_KEY");
  CHECK(claude.key_status == providers::KeyStatus::missing);

  auto vllm = provider("openai");
  vllm.base_url = "http://user:secret@127.0.0.1:8000/v1/?api_key=abc";
  auto local = providers::describe_provider(vllm, getenv);
  CHECK(local.key_status == providers::KeyStatus::not_needed);
  CHECK(local.base_url.find("secret") == std::string::npos);
  CHECK(local.base_url.find("abc") == std::string::npos);

  auto mock = providers::describe_provider(provider("mock"), getenv);
  CHECK(mock.offline);
  CHECK(mock.base_url == "");
  CHECK(providers::to_string(providers::KeyStatus::not_needed) == "not needed");
}

TEST_CASE("check_provider: one minimal request, or one embedding") {
  KindFixture f;
  f.server.push(Reply::json(200, R"({"model": "m-2", "choices": [{"index": 0, "finish_reason": "stop",
    "message": {"role": "assistant", "content": "ok"}}], "usage": {"prompt_tokens": 9, "completion_tokens": 1}})"));
  auto result = providers::check_provider(f.config("openai", "m", "/v1"), f.deps());
  REQUIRE(std::holds_alternative<Response>(result.outcome));
  CHECK(std::get<Response>(result.outcome).model == "m-2");
  auto body = f.body();
  CHECK(body["max_tokens"] == 16);
  CHECK(body["temperature"] == 0.0);
  CHECK(body["messages"][0]["content"] == "Reply with the single word: ok");

  auto embed = providers::check_provider(provider("hash-embed", ""), {});
  REQUIRE(std::holds_alternative<Response>(embed.outcome));
  CHECK(embed.dims == 512);

  f.server.push(Reply::json(401, R"({"error": {"message": "no"}})"));
  auto failed = providers::check_provider(f.config("openai", "m", "/v1"), f.deps());
  CHECK(std::get<core::llm::Failure>(failed.outcome).kind == core::llm::FailureKind::auth);
}

TEST_CASE("check_provider: an embedding model gets an embedding call (issue 11 C3)") {
  KindFixture f;
  SUBCASE("which providers are embedding providers") {
    CHECK(providers::check_call_for(provider("hash-embed", "")) == providers::CheckCall::embedding);
    CHECK(providers::check_call_for(provider("openai", "text-embedding-3-small")) == providers::CheckCall::embedding);
    CHECK(providers::check_call_for(provider("ollama", "nomic-embed-text")) == providers::CheckCall::embedding);
    CHECK(providers::check_call_for(provider("openai", "Qwen3-Embedding-0.6B")) == providers::CheckCall::embedding);
    CHECK(providers::check_call_for(provider("openai", "gpt-4o-mini")) == providers::CheckCall::chat);
    CHECK(providers::check_call_for(provider("mock", "")) == providers::CheckCall::chat);
  }
  SUBCASE("openai: POST /v1/embeddings, dims reported") {
    f.server.push(Reply::json(200, R"({"object": "list", "model": "text-embedding-3-small",
      "data": [{"object": "embedding", "index": 0, "embedding": [0.5, 0.25, 0.125]}]})"));
    auto result = providers::check_provider(f.config("openai", "text-embedding-3-small", "/v1"), f.deps());
    REQUIRE(std::holds_alternative<Response>(result.outcome));
    CHECK(result.dims == 3);
    auto requests = f.server.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].path == "/v1/embeddings");
    CHECK(f.body()["input"][0] == "Reply with the single word: ok");
  }
  SUBCASE("ollama: POST /api/embed") {
    f.server.push(Reply::json(200, R"({"model": "nomic-embed-text", "embeddings": [[1.0, 0.0]]})"));
    auto result = providers::check_provider(f.config("ollama", "nomic-embed-text"), f.deps());
    REQUIRE(std::holds_alternative<Response>(result.outcome));
    CHECK(result.dims == 2);
    CHECK(f.server.requests().at(0).path == "/api/embed");
  }
  SUBCASE("CheckCall::embedding on any model (--embed); a failure throws the provider's error") {
    auto client = f.client(f.config("openai", "bge-m3", "/v1"));
    f.server.push(Reply::json(404, R"({"error": {"message": "no such route"}})"));
    try {
      providers::check_provider(*client, providers::CheckCall::embedding);
      FAIL("expected an error");
    } catch (const core::Error& e) {
      CHECK(e.kind() == core::ErrorKind::provider);
      CHECK(std::string(e.what()) == "provider p: embeddings failed (bad_request): HTTP 404: no such route");
    }
    CHECK(f.server.requests().at(0).path == "/v1/embeddings");
  }
}

TEST_CASE("core::config::provider_keys: the keys each kind accepts") {
  const auto* openai = core::config::provider_keys("openai");
  REQUIRE(openai);
  for (auto key : {"kind", "model", "base_url", "api_key_env", "ca_bundle", "concurrency", "timeout", "max_retries",
                   "requests_per_minute", "tokens_per_minute"})
    CHECK(std::find(openai->begin(), openai->end(), key) != openai->end());
  auto has = [](const char* kind, const char* key) {
    const auto* keys = core::config::provider_keys(kind);
    return keys && std::find(keys->begin(), keys->end(), key) != keys->end();
  };
  CHECK(has("anthropic", "anthropic_version"));
  CHECK(has("ollama", "keep_alive"));
  CHECK(has("mock", "responses"));
  CHECK(has("hash-embed", "dims"));
  CHECK(has("echo", "mode"));
  CHECK_FALSE(has("mock", "api_key_env"));
  CHECK_FALSE(has("openai", "api_key"));  // literal keys are never accepted
  CHECK(core::config::provider_keys("nope") == nullptr);
  for (const auto& kind : core::config::provider_kinds()) {
    CHECK(core::config::provider_keys(kind) != nullptr);
    CHECK(providers::find_kind(kind) != nullptr);
  }
}

TEST_CASE("registry: each HTTP provider gets its own limiter (concurrency)") {
  KindFixture f;
  std::atomic<int> in_flight{0};
  std::atomic<int> peak{0};
  f.server.set_handler([&](const RecordedRequest&) {
    int now = ++in_flight;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    --in_flight;
    return Reply::json(200, R"({"model": "m", "choices": [{"index": 0, "finish_reason": "stop",
      "message": {"role": "assistant", "content": "ok"}}]})");
  });
  auto config = f.config("openai", "m", "/v1");
  config.limits.concurrency = 2;
  auto client = f.client(config);
  std::vector<std::future<core::llm::Outcome>> futures;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 6; ++i) {
    auto promise = std::make_shared<std::promise<core::llm::Outcome>>();
    futures.push_back(promise->get_future());
    client->submit(user_request("q" + std::to_string(i)), [promise](core::llm::Outcome o) { promise->set_value(std::move(o)); });
  }
  for (auto& future : futures) CHECK(std::holds_alternative<Response>(future.get()));
  CHECK(peak.load() <= 2);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(150));  // 6 × 50 ms, 2 at a time
}
