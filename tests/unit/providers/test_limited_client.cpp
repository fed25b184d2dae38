#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <thread>

#include "providers/http/limited_client.hpp"
#include "providers/http/timers.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/unit/providers/http_test_helpers.hpp"

using namespace genops::providers::http;
using namespace genops::test;
using namespace std::chrono_literals;

TEST_CASE("http::make_timer_thread: calls come due in order, not early") {
  auto timers = make_timer_thread();
  std::mutex mutex;
  std::vector<int> order;
  std::promise<void> last;
  const auto start = timers->now();
  std::atomic<std::int64_t> waited_ms{0};
  timers->call_after(60ms, [&] {
    std::lock_guard lock(mutex);
    order.push_back(2);
    waited_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Timers::Clock::now() - start).count();
    last.set_value();
  });
  timers->call_after(20ms, [&] {
    std::lock_guard lock(mutex);
    order.push_back(1);
  });
  timers->call_after(0ms, [] { throw std::runtime_error("swallowed"); });
  REQUIRE(last.get_future().wait_for(5s) == std::future_status::ready);
  std::lock_guard lock(mutex);
  CHECK(order == std::vector<int>{1, 2});
  CHECK(waited_ms >= 60);
}

TEST_CASE("http::make_timer_thread: a callback that throws is reported, and later calls still run") {
  std::promise<std::string> reported;
  auto timers = make_timer_thread([&](const std::string& what) { reported.set_value(what); });
  std::promise<void> after;
  timers->call_after(0ms, [] { throw std::runtime_error("a timer broke"); });
  timers->call_after(1ms, [&] { after.set_value(); });
  CHECK(reported.get_future().get() == "a timer broke");
  after.get_future().wait();
}

TEST_CASE("http::make_timer_thread: destruction drops calls not yet due") {
  std::atomic<int> calls{0};
  {
    auto timers = make_timer_thread();
    timers->call_after(10s, [&] { ++calls; });
  }
  CHECK(calls == 0);
}

TEST_CASE("http::outcome_of") {
  HttpResponse r;
  r.status = 200;
  CHECK(outcome_of(r) == CallOutcome::ok);
  r.status = 429;
  CHECK(outcome_of(r) == CallOutcome::rate_limited);
  r.status = 500;
  CHECK(outcome_of(r) == CallOutcome::failed);
  r.status = 200;
  r.transport = TransportError::timeout;
  CHECK(outcome_of(r) == CallOutcome::failed);
}

TEST_CASE("http::make_limited_client: requests per minute pace the calls") {
  LoopbackServer server([](const RecordedRequest&) { return Reply::json(200, "{}"); });
  LimiterOptions limits;
  limits.requests_per_minute = 600;  // 10/s with a bucket of 10
  auto limiter = std::make_shared<Limiter>(limits, make_timer_thread());
  auto client = make_limited_client(make_curl_client(), limiter);
  constexpr int k_calls = 15;
  std::atomic<int> done{0};
  std::promise<void> all;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < k_calls; ++i) {
    client->send(http_request(server.url("/r")), [&](HttpResponse r) {
      CHECK(r.ok());
      if (++done == k_calls) all.set_value();
    });
  }
  REQUIRE(all.get_future().wait_for(10s) == std::future_status::ready);
  const auto took = std::chrono::steady_clock::now() - start;
  // Ten go at once; the other five need half a second of refill.
  CHECK(took >= 450ms);
  CHECK(took < 2s);
  CHECK(limiter->in_flight() == 0);
  client.reset();
}

TEST_CASE("http::make_limited_client: a 429 mid-retry cuts the limit; the caller's on_retry still runs") {
  LoopbackServer server;
  server.push(Reply::json(429, "{}").with_header("retry-after-ms", "1"));
  server.push(Reply::json(200, "{}"));
  LimiterOptions limits;
  limits.max_concurrency = 8;
  auto limiter = std::make_shared<Limiter>(limits, nullptr);
  auto client = make_limited_client(make_curl_client(), limiter);
  int retries_seen = 0;
  auto request = http_request(server.url("/r"));
  request.on_retry = [&](int status, std::chrono::milliseconds) { retries_seen += status == 429; };
  const auto r = call(*client, request);
  CHECK(r.ok());
  CHECK(r.retries == 1);
  CHECK(retries_seen == 1);
  CHECK(limiter->concurrency_limit() == 4);
  CHECK(limiter->in_flight() == 0);
  client.reset();
}
