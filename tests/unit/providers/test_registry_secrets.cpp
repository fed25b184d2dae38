#include <doctest/doctest.h>

#include <random>

#include "tests/unit/providers/provider_test_support.hpp"

using namespace genops;
using namespace genops::test;
using core::llm::Failure;
using core::llm::Response;

namespace {

std::string random_key(std::size_t length) {
  static constexpr char k_alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<std::size_t> pick(0, sizeof(k_alphabet) - 2);
  std::string key = "sk-";
  while (key.size() < length) key += k_alphabet[pick(rng)];
  return key;
}

std::string base64(std::string_view in) {
  static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += k_alphabet[(v >> shift) & 63];
  }
  return out;  // the unpadded whole-group prefix is what shows inside longer text
}

// A server that puts whatever credentials it received into its error bodies.
Reply echoing_reply(const RecordedRequest& request, int status) {
  std::string seen = request.header("authorization") + " " + request.header("x-api-key");
  std::string body = R"({"type": "error", "error": {"message": "rejected credentials )" + seen + " b64:" +
                     base64(seen) + R"(", "type": "x"}})";
  return Reply::json(status, body);
}

}  // namespace

TEST_CASE("providers: the API key never appears in a Failure, even when the server echoes it") {
  for (std::size_t length : {std::size_t{12}, std::size_t{48}}) {
    const std::string key = random_key(length);
    for (const char* kind : {"openai", "anthropic", "ollama"}) {
      for (int status : {400, 401, 403, 404, 429, 500, 503}) {
        CAPTURE(kind);
        CAPTURE(status);
        KindFixture f;
        f.env["CANARY_KEY"] = key;
        f.server.set_handler([status](const RecordedRequest& r) { return echoing_reply(r, status); });
        auto config = f.config(kind, "m");
        config.api_key_env = "CANARY_KEY";
        auto client = f.client(config);
        auto outcome = complete_within(*client, user_request("say " + key));
        REQUIRE(std::holds_alternative<Failure>(outcome));
        const auto& failure = std::get<Failure>(outcome);
        CHECK(failure.message.find("rejected credentials") != std::string::npos);
        CHECK(failure.message.find(key) == std::string::npos);
        CHECK(failure.message.find(base64(key).substr(0, 12)) == std::string::npos);
        CHECK(failure.url.find(key) == std::string::npos);
        // ...and the server did receive it.
        auto recorded = f.server.requests().at(0);
        CHECK((recorded.header("authorization") + recorded.header("x-api-key")).find(key) != std::string::npos);
      }
    }
  }
}

TEST_CASE("providers: a 429 with Retry-After 0 is retried once through the provider's limiter") {
  KindFixture f;
  auto config = f.config("openai", "m", "/v1");
  config.limits.max_retries = 2;
  auto client = f.client(config);
  f.server.push(Reply::json(429, R"({"error": {"message": "slow down"}})").with_header("retry-after", "0"));
  f.server.push(Reply::json(200, R"({"model": "m", "choices": [{"index": 0, "finish_reason": "stop",
    "message": {"role": "assistant", "content": "fine"}}]})"));
  auto r = std::get<Response>(complete_within(*client, user_request("hi")));
  CHECK(r.text == "fine");
  CHECK(r.retries == 1);
  CHECK(f.server.request_count() == 2);
}
