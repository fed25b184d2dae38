#include <doctest/doctest.h>

#include "core/redact.hpp"
#include "providers/http/classify.hpp"
#include "providers/http/redact_url.hpp"

using namespace genops::providers::http;
using genops::core::llm::FailureKind;

namespace {

HttpResponse reply(int status, std::string body = {}, std::vector<Header> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

}  // namespace

TEST_CASE("http::classify: statuses") {
  const struct {
    int status;
    FailureKind kind;
  } table[] = {
      {401, FailureKind::auth},        {403, FailureKind::auth},        {429, FailureKind::rate_limited},
      {408, FailureKind::timeout},     {500, FailureKind::server},      {502, FailureKind::server},
      {503, FailureKind::server},      {529, FailureKind::server},      {409, FailureKind::server},
      {400, FailureKind::bad_request}, {404, FailureKind::bad_request}, {413, FailureKind::bad_request},
      {422, FailureKind::bad_request}, {200, FailureKind::malformed},   {302, FailureKind::malformed},
  };
  for (const auto& row : table) {
    CAPTURE(row.status);
    const auto failure = classify(reply(row.status), "", "http://h/x");
    CHECK(failure.kind == row.kind);
    CHECK(failure.http_status == row.status);
  }
}

TEST_CASE("http::classify: transport errors win over the status") {
  HttpResponse r = reply(200);
  r.transport = TransportError::timeout;
  r.transport_message = "Operation timed out after 300 milliseconds";
  r.retries = 2;
  auto failure = classify(r, "", "http://h/x");
  CHECK(failure.kind == FailureKind::timeout);
  CHECK(failure.message == "Operation timed out after 300 milliseconds");
  CHECK(failure.retries == 2);
  r.transport = TransportError::connect;
  CHECK(classify(r, "", "").kind == FailureKind::network);
  r.transport = TransportError::other;
  CHECK(classify(r, "", "").kind == FailureKind::network);
  r.transport = TransportError::too_large;
  CHECK(classify(r, "", "").kind == FailureKind::too_large);
}

TEST_CASE("http::classify: messages") {
  SUBCASE("the provider's message") {
    CHECK(classify(reply(400, "{}"), "model not found", "").message == "HTTP 400: model not found");
  }
  SUBCASE("else an excerpt of the body") {
    CHECK(classify(reply(502, "<html>bad gateway</html>"), "", "").message == "HTTP 502: <html>bad gateway</html>");
    CHECK(classify(reply(502, std::string(1000, 'x')), "", "").message.size() == 10 + 300 + 3);
  }
  SUBCASE("a 2xx the caller could not read") {
    CHECK(classify(reply(200, "not json"), "", "").message == "HTTP 200: the reply could not be read");
  }
  SUBCASE("a spent quota says so") {
    const auto failure = classify(reply(429, R"({"error":{"code":"insufficient_quota"}})"), "You exceeded your quota", "");
    CHECK(failure.kind == FailureKind::rate_limited);
    CHECK(failure.message == "quota exhausted, not retried: HTTP 429: You exceeded your quota");
  }
  SUBCASE("a long Retry-After says so") {
    const auto failure = classify(reply(429, "{}", {{"retry-after", "3600"}}), "slow down", "");
    CHECK(failure.message == "server asks to wait 3600 s, over the 120 s limit: HTTP 429: slow down");
  }
  SUBCASE("an echoed key is redacted") {
    genops::core::register_secret("canary-key-0123456789");
    const auto failure = classify(reply(401), "Incorrect API key provided: canary-key-0123456789", "");
    CHECK(failure.kind == FailureKind::auth);
    CHECK(failure.message == "HTTP 401: Incorrect API key provided: [REDACTED]");
  }
}

TEST_CASE("http::redact_url") {
  CHECK(redact_url("https://api.openai.com/v1/chat/completions") == "https://api.openai.com/v1/chat/completions");
  CHECK(redact_url("https://g.example/v1/models/x:generate?key=AIzaSyA-secret&alt=sse") ==
        "https://g.example/v1/models/x:generate?key=[REDACTED]&alt=sse");
  CHECK(redact_url("https://h/p?api-version=2024&sig=abc%2Fdef#frag") == "https://h/p?api-version=2024&sig=[REDACTED]#frag");
  CHECK(redact_url("http://user:hunter2@proxy:8080/x") == "http://[REDACTED]@proxy:8080/x");
  CHECK(redact_url("http://h/p#?key=not-a-query") == "http://h/p#?key=not-a-query");
  CHECK(redact_url("http://h?access_token=t&x=1") == "http://h?access_token=[REDACTED]&x=1");
  genops::core::register_secret("registered-secret-42");
  CHECK(redact_url("http://h/registered-secret-42/x") == "http://h/[REDACTED]/x");
}

TEST_CASE("http::classify: the URL comes back redacted") {
  CHECK(classify(reply(500), "", "https://h/x?key=k123456789").url == "https://h/x?key=[REDACTED]");
}
