#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include "providers/http/client.hpp"
#include "providers/http/limited_client.hpp"
#include "providers/http/limiter.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/unit/providers/http_test_helpers.hpp"

using namespace genops::providers::http;
using namespace genops::test;
using namespace std::chrono_literals;

namespace {

// Counts finished requests and lets a test wait for all of them.
struct Tally {
  std::mutex mutex;
  std::condition_variable all_done;
  std::vector<int> calls;  // done() calls per request id
  std::vector<int> statuses;
  int finished = 0;
  long retries = 0;

  explicit Tally(std::size_t n) : calls(n, 0), statuses(n, 0) {}

  void record(std::size_t id, const HttpResponse& r) {
    std::lock_guard lock(mutex);
    ++calls[id];
    statuses[id] = r.status;
    retries += r.retries;
    ++finished;
    all_done.notify_all();
  }
  bool wait(int n, std::chrono::seconds limit) {
    std::unique_lock lock(mutex);
    return all_done.wait_for(lock, limit, [&] { return finished >= n; });
  }
};

}  // namespace

TEST_CASE("http stress: 2,000 requests at 256 in flight, 30 % answered 429 or 500") {
  constexpr int k_total = 2000;
  constexpr int k_in_flight = 256;
  std::mutex rng_mutex;
  std::mt19937 rng(12345);
  LoopbackServer server([&](const RecordedRequest&) {
    int roll = 0;
    {
      std::lock_guard lock(rng_mutex);
      roll = std::uniform_int_distribution<int>(0, 99)(rng);
    }
    if (roll < 15) return Reply::json(429, R"({"error":"rate"})").with_header("retry-after-ms", "1");
    if (roll < 30) return Reply::json(500, R"({"error":"oops"})");
    return Reply::json(200, R"({"ok":true})");
  });
  ClientOptions options;
  options.backoff_scale = 0.01;  // 5–80 ms
  auto client = make_curl_client(options);
  Tally tally(k_total);
  std::atomic<int> next{0};
  // Each finished request starts the next one, keeping k_in_flight busy.
  std::function<void()> start_one = [&] {
    const int id = next++;
    if (id >= k_total) return;
    auto request = http_request(server.url("/v1/chat/completions"));
    request.max_retries = 12;  // 0.3^13: all end in 200
    client->send(std::move(request), [&, id](HttpResponse r) {
      tally.record(static_cast<std::size_t>(id), r);
      start_one();
    });
  };
  for (int i = 0; i < k_in_flight; ++i) start_one();
  REQUIRE(tally.wait(k_total, 50s));
  // reset() joins the I/O thread: any second done() has been recorded when it returns.
  client.reset();

  std::lock_guard lock(tally.mutex);
  CHECK(tally.finished == k_total);
  int ok = 0;
  for (int i = 0; i < k_total; ++i) {
    CHECK(tally.calls[static_cast<std::size_t>(i)] == 1);
    ok += tally.statuses[static_cast<std::size_t>(i)] == 200;
  }
  CHECK(ok == k_total);
  CHECK(tally.retries > 0);
  CHECK(server.request_count() == static_cast<std::size_t>(k_total + tally.retries));
}

TEST_CASE("http stress: adaptive concurrency against a server that allows 5 (RELIABILITY test 7)") {
  constexpr int k_total = 1000;
  constexpr int k_allowed = 5;
  std::atomic<int> active{0};
  std::atomic<int> served{0};
  std::atomic<int> throttled{0};
  std::atomic<int> served_at_100{-1};
  std::atomic<int> throttled_at_100{-1};
  LoopbackServer server([&](const RecordedRequest&) {
    ++served;
    if (++active > k_allowed) {
      --active;
      ++throttled;
      return Reply::json(429, R"({"error":"too many"})").with_header("retry-after-ms", "5");
    }
    std::this_thread::sleep_for(2ms);
    --active;
    return Reply::json(200, "{}");
  });
  ClientOptions options;
  options.backoff_scale = 0.01;
  LimiterOptions limits;
  limits.max_concurrency = 32;
  auto limiter = std::make_shared<Limiter>(limits, nullptr);
  auto client = make_limited_client(make_curl_client(options), limiter);
  Tally tally(k_total);
  for (int id = 0; id < k_total; ++id) {
    auto request = http_request(server.url("/v1/chat/completions"));
    request.max_retries = 20;
    client->send(std::move(request), [&, id](HttpResponse r) {
      tally.record(static_cast<std::size_t>(id), r);
      std::lock_guard lock(tally.mutex);
      if (tally.finished == 100) {
        served_at_100 = served.load();
        throttled_at_100 = throttled.load();
      }
    });
  }
  REQUIRE(tally.wait(k_total, 50s));
  client.reset();

  int ok = 0;
  for (int s : tally.statuses) ok += s == 200;
  CHECK(ok == k_total);
  REQUIRE(served_at_100 >= 0);
  const double later_requests = served.load() - served_at_100.load();
  const double later_429s = throttled.load() - throttled_at_100.load();
  INFO("429s after the first 100: " << later_429s << " of " << later_requests << " requests");
  CHECK(later_429s / later_requests < 0.05);
  CHECK(limiter->concurrency_limit() <= 8);
  CHECK(limiter->in_flight() == 0);
}
