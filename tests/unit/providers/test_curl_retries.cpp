#include <doctest/doctest.h>

#include <cmath>
#include <mutex>

#include "providers/http/classify.hpp"
#include "providers/http/client.hpp"
#include "providers/http/retry.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/socket_fakes.hpp"
#include "tests/unit/providers/http_test_helpers.hpp"

using namespace genops::providers::http;
using namespace genops::test;
using namespace std::chrono_literals;
using genops::core::llm::FailureKind;

namespace {

std::shared_ptr<Client> fast_backoff_client(double scale = 0.001) {
  ClientOptions options;
  options.backoff_scale = scale;
  return make_curl_client(options);
}

double gap_ms(const std::vector<RecordedRequest>& requests, std::size_t i) {
  return std::chrono::duration<double, std::milli>(requests.at(i + 1).received - requests.at(i).received).count();
}

}  // namespace

TEST_CASE("http retries: the retry table (RELIABILITY test 5)") {
  auto client = fast_backoff_client();
  constexpr int k_max_retries = 2;
  SUBCASE("statuses") {
    const struct {
      int status;
      bool retried;
    } table[] = {{400, false}, {401, false}, {403, false}, {404, false}, {408, true},  {409, true},
                 {422, false}, {429, true},  {500, true},  {502, true},  {503, true},  {529, true}};
    for (const auto& row : table) {
      CAPTURE(row.status);
      LoopbackServer server([&](const RecordedRequest&) { return Reply::json(row.status, "{}"); });
      auto request = http_request(server.url("/t"));
      request.max_retries = k_max_retries;
      const auto r = call(*client, request);
      CHECK(r.status == row.status);
      CHECK(r.transport == TransportError::none);
      CHECK(r.retries == (row.retried ? k_max_retries : 0));
      CHECK(server.request_count() == (row.retried ? 1u + k_max_retries : 1u));
      client = fast_backoff_client();  // drop connections before the server goes
    }
  }
  SUBCASE("connection refused") {
    RefusingPort port;
    auto request = http_request(port.url("/t"));
    request.max_retries = k_max_retries;
    const auto r = call(*client, request);
    CHECK(r.transport == TransportError::connect);
    CHECK(r.status == 0);
    CHECK(r.retries == k_max_retries);
    CHECK(classify(r, "", request.url).kind == FailureKind::network);
  }
  SUBCASE("connection reset") {
    ResettingServer server;
    auto request = http_request(server.url("/t"));
    request.max_retries = k_max_retries;
    const auto r = call(*client, request);
    CHECK(r.transport == TransportError::connect);
    CHECK(r.retries == k_max_retries);
    CHECK(server.connections() == 1u + k_max_retries);
  }
  SUBCASE("timeout") {
    LoopbackServer server([](const RecordedRequest&) { return Reply::hanging(); });
    auto request = http_request(server.url("/t"));
    request.max_retries = k_max_retries;
    request.timeout = 200ms;
    const auto r = call(*client, request);
    CHECK(r.transport == TransportError::timeout);
    CHECK(r.retries == k_max_retries);
    CHECK(server.request_count() == 1u + k_max_retries);
    client.reset();
  }
}

TEST_CASE("http retries: attempts = 1 + max_retries") {
  for (int max_retries : {0, 1, 4}) {
    CAPTURE(max_retries);
    LoopbackServer server([](const RecordedRequest&) { return Reply::json(500, "{}"); });
    auto client = fast_backoff_client();
    auto request = http_request(server.url("/t"));
    request.max_retries = max_retries;
    const auto r = call(*client, request);
    CHECK(r.status == 500);
    CHECK(r.retries == max_retries);
    client.reset();
    CHECK(server.request_count() == static_cast<std::size_t>(1 + max_retries));
  }
}

TEST_CASE("http retries: backoff within the formula's bounds") {
  LoopbackServer server([](const RecordedRequest&) { return Reply::json(503, "{}"); });
  auto client = fast_backoff_client(0.1);  // 50, 100, 200 ms before jitter
  auto request = http_request(server.url("/t"));
  request.max_retries = 3;
  std::vector<std::chrono::milliseconds> delays;
  request.on_retry = [&](int, std::chrono::milliseconds delay) { delays.push_back(delay); };
  CHECK(call(*client, request).retries == 3);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 4);
  REQUIRE(delays.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    const double full = 50.0 * (1 << i);
    // The scheduled wait follows the formula exactly...
    CHECK(static_cast<double>(delays[i].count()) >= std::floor(0.75 * full));
    CHECK(static_cast<double>(delays[i].count()) <= full);
    // ...and the server never sees the retry early (late is only scheduling).
    CHECK(gap_ms(requests, i) >= static_cast<double>(delays[i].count()));
  }
}

TEST_CASE("http retries: 429 with Retry-After: 1, then 200 (RELIABILITY test 4)") {
  LoopbackServer server;
  server.push(Reply::json(429, "{}").with_header("Retry-After", "1"));
  server.push(Reply::json(200, R"({"ok":true})"));
  auto client = fast_backoff_client();
  auto request = http_request(server.url("/t"));
  std::vector<std::chrono::milliseconds> delays;
  request.on_retry = [&](int, std::chrono::milliseconds delay) { delays.push_back(delay); };
  const auto r = call(*client, request);
  CHECK(r.status == 200);
  CHECK(r.retries == 1);
  CHECK(delays == std::vector<std::chrono::milliseconds>{1000ms});  // the header's wait, unscaled
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(gap_ms(requests, 0) >= 1000);
}

TEST_CASE("http retries: retry-after-ms is honoured and never scaled") {
  LoopbackServer server;
  server.push(Reply::json(429, "{}").with_header("retry-after-ms", "300").with_header("retry-after", "7"));
  server.push(Reply::json(200, "{}"));
  auto client = fast_backoff_client();
  auto request = http_request(server.url("/t"));
  std::vector<std::chrono::milliseconds> delays;
  request.on_retry = [&](int, std::chrono::milliseconds delay) { delays.push_back(delay); };
  CHECK(call(*client, request).retries == 1);
  CHECK(delays == std::vector<std::chrono::milliseconds>{300ms});  // not retry-after's 7 s
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(gap_ms(requests, 0) >= 300);
}

TEST_CASE("http retries: Retry-After 3600 gives up at once as rate-limited (RELIABILITY test 6)") {
  LoopbackServer server([](const RecordedRequest&) {
    return Reply::json(429, R"({"error":{"message":"slow down"}})").with_header("Retry-After", "3600");
  });
  auto client = fast_backoff_client();
  auto request = http_request(server.url("/t"));
  int waits = 0;
  request.on_retry = [&](int, std::chrono::milliseconds) { ++waits; };  // a retry wait would be scheduled here
  const auto r = call(*client, request);
  CHECK(r.status == 429);
  CHECK(r.retries == 0);
  CHECK(waits == 0);
  CHECK(server.request_count() == 1);
  const auto failure = classify(r, "slow down", server.url("/t"));
  CHECK(failure.kind == FailureKind::rate_limited);
  CHECK(failure.message == "server asks to wait 3600 s, over the 120 s limit: HTTP 429: slow down");
}

TEST_CASE("http retries: a quota-exhausted 429 is not retried") {
  LoopbackServer server([](const RecordedRequest&) {
    return Reply::json(429, R"({"error":{"message":"You exceeded your current quota","code":"insufficient_quota"}})");
  });
  auto client = fast_backoff_client();
  const auto r = call(*client, http_request(server.url("/t")));
  CHECK(r.status == 429);
  CHECK(r.retries == 0);
  CHECK(server.request_count() == 1);
  CHECK(classify(r, "You exceeded your current quota", "").message ==
        "quota exhausted, not retried: HTTP 429: You exceeded your current quota");
}

TEST_CASE("http retries: on_retry sees each failed attempt and its wait") {
  LoopbackServer server;
  server.push(Reply::json(429, "{}").with_header("retry-after-ms", "5"));
  server.push(Reply::hanging());
  server.push(Reply::json(200, "{}"));
  auto client = fast_backoff_client();
  std::vector<std::pair<int, std::chrono::milliseconds>> seen;
  auto request = http_request(server.url("/t"));
  request.timeout = 2000ms;  // room for slow sanitizer builds on a loaded machine before the hang (600 ms failed 1 run in 3)
  request.on_retry = [&](int status, std::chrono::milliseconds delay) { seen.emplace_back(status, delay); };
  const auto r = call(*client, request);
  CHECK(r.ok());
  CHECK(r.retries == 2);
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].first == 429);
  CHECK(seen[0].second == 5ms);
  CHECK(seen[1].first == 0);  // the timeout
  CHECK(seen[1].second <= 1ms);
  client.reset();
}

TEST_CASE("http retries: on_slow_retry hears of a request still being retried (issue 11 C2)") {
  LoopbackServer server;
  server.push(Reply::json(429, "{}").with_header("retry-after-ms", "5"));
  server.push(Reply::json(503, "{}").with_header("retry-after-ms", "5"));
  server.push(Reply::json(200, "{}"));
  std::mutex mutex;
  std::vector<RetryNote> notes;
  ClientOptions options;
  options.backoff_scale = 0.001;
  options.on_slow_retry = [&](const RetryNote& note) {
    std::lock_guard lock(mutex);
    notes.push_back(note);
  };
  SUBCASE("past the threshold: every retry is told") {
    options.slow_after = 0ms;
    auto client = make_curl_client(options);
    auto request = http_request(server.url("/t"));
    request.label = "gpt";
    request.max_retries = 5;
    CHECK(call(*client, request).ok());
    client.reset();
    REQUIRE(notes.size() == 2);
    CHECK(notes[0].label == "gpt");
    CHECK(notes[0].status == 429);
    CHECK(notes[0].reason == "status 429");
    CHECK(notes[0].attempt == 2);
    CHECK(notes[0].max_attempts == 6);
    CHECK(notes[0].delay == 5ms);
    CHECK(notes[1].status == 503);
    CHECK(notes[1].attempt == 3);
  }
  SUBCASE("before the threshold: nothing") {
    options.slow_after = std::chrono::hours(1);
    auto client = make_curl_client(options);
    auto request = http_request(server.url("/t"));
    request.max_retries = 5;
    CHECK(call(*client, request).ok());
    client.reset();
    CHECK(notes.empty());
  }
}

TEST_CASE("http::describe_retry_note: one line naming the provider, the status and the wait") {
  RetryNote note{"gpt", 429, "status 429", 4, 6, 2100ms, 7900ms};
  CHECK(describe_retry_note(note) == "still retrying gpt: 429 rate limited, attempt 4 of 6, next in 2.1 s (7.9 s so far)");
  note = {"", 0, "timeout", 2, 3, 500ms, 3000ms};
  CHECK(describe_retry_note(note) == "still retrying a request: timeout, attempt 2 of 3, next in 0.5 s (3.0 s so far)");
  note = {"local", 503, "status 503", 3, 6, 1000ms, 4000ms};
  CHECK(describe_retry_note(note) == "still retrying local: 503 server error, attempt 3 of 6, next in 1.0 s (4.0 s so far)");
}
