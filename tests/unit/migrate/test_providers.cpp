// migrate::promptfoo::map_provider: ids, config mapping, keys by name only.
#include <doctest/doctest.h>

#include "migrate/promptfoo/providers.hpp"

using namespace genops::migrate;
using namespace genops::migrate::promptfoo;
using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

namespace {
const Location k_at{"promptfooconfig.yaml:3:5", "providers[0]"};
}

TEST_CASE("promptfoo::map_provider: vendor ids") {
  Notes notes;
  auto p = map_provider("openai:gpt-4o-mini", json::object(), "", k_at, notes);
  REQUIRE(p);
  CHECK(p->name == "openai-gpt-4o-mini");
  CHECK(p->entry == ojson{{"kind", "openai"}, {"model", "gpt-4o-mini"}, {"api_key_env", "OPENAI_API_KEY"}});
  CHECK(map_provider("openai:chat:gpt-4o", json::object(), "", k_at, notes)->entry["model"] == "gpt-4o");
  CHECK(map_provider("openai:embedding:text-embedding-3-small", json::object(), "", k_at, notes)->entry["model"] ==
        "text-embedding-3-small");
  auto claude = map_provider("anthropic:messages:claude-3-5-haiku", json::object(), "fast", k_at, notes);
  CHECK(claude->name == "fast");
  CHECK(claude->entry == ojson{{"kind", "anthropic"}, {"model", "claude-3-5-haiku"}, {"api_key_env", "ANTHROPIC_API_KEY"}});
  CHECK(map_provider("ollama:chat:llama3.1:8b", json::object(), "", k_at, notes)->entry ==
        ojson{{"kind", "ollama"}, {"model", "llama3.1:8b"}});
  CHECK(map_provider("ollama:llama3.1", json::object(), "", k_at, notes)->entry["model"] == "llama3.1");
  CHECK(map_provider("echo", json::object(), "", k_at, notes)->entry == ojson{{"kind", "echo"}});
  CHECK(notes.unsupported.empty());
}

TEST_CASE("promptfoo::map_provider: config to settings, base URL and key variable") {
  Notes notes;
  json config = json::parse(R"({"apiBaseUrl": "http://127.0.0.1:8000/v1", "apiKeyEnvar": "VLLM_KEY", "temperature": 0.1,
                                "max_tokens": 64, "top_p": 0.9, "seed": 7, "stop": ["END"], "presence_penalty": 1,
                                "apiKey": "sk-secret"})");
  auto p = map_provider("openai:chat:qwen", config, "", k_at, notes);
  REQUIRE(p);
  CHECK(p->entry == ojson{{"kind", "openai"}, {"model", "qwen"}, {"base_url", "http://127.0.0.1:8000/v1"},
                          {"api_key_env", "VLLM_KEY"}});
  CHECK(p->settings == ojson{{"max_tokens", 64}, {"seed", 7}, {"stop", {"END"}}, {"temperature", 0.1}, {"top_p", 0.9}});
  CHECK(p->ignored == std::vector<std::string>{"presence_penalty"});
  REQUIRE(notes.warnings.size() == 1);
  CHECK(notes.warnings[0].find("apiKey") != std::string::npos);
  CHECK(notes.warnings[0].find("sk-secret") == std::string::npos);
  CHECK(p->entry.dump().find("sk-secret") == std::string::npos);
}

TEST_CASE("promptfoo::map_provider: a custom base URL gets no vendor key") {
  Notes notes;
  auto p = map_provider("openai:chat:m", json::parse(R"({"apiHost": "gw.example.com"})"), "", k_at, notes);
  CHECK(p->entry == ojson{{"kind", "openai"}, {"model", "m"}, {"base_url", "https://gw.example.com/v1"}});
}

TEST_CASE("promptfoo::map_provider: unsupported providers are located items") {
  Notes notes;
  CHECK_FALSE(map_provider("azureopenai:chat:deploy", json::object(), "", k_at, notes));
  CHECK_FALSE(map_provider("azure:chat:deploy", json::object(), "", k_at, notes));
  CHECK_FALSE(map_provider("python:provider.py", json::object(), "", k_at, notes));
  CHECK_FALSE(map_provider("openai:completion:davinci", json::object(), "", k_at, notes));
  CHECK_FALSE(map_provider("bedrock:anthropic.claude", json::object(), "", k_at, notes));
  REQUIRE(notes.unsupported.size() == 5);
  CHECK(notes.unsupported[0].format().rfind("promptfooconfig.yaml:3:5: providers[0]: Azure OpenAI provider", 0) == 0);
  CHECK(notes.unsupported[0].instead.find("base_url") != std::string::npos);
}
