#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "providers/http/limiter.hpp"

using namespace genops::providers::http;
using namespace std::chrono_literals;

namespace {

// A clock that moves only when told, and fires due calls as it does.
class FakeTimers final : public Timers {
 public:
  Clock::time_point now() const override { return m_now; }
  void call_after(Clock::duration delay, std::function<void()> fn) override {
    m_due.emplace(m_now + delay, std::move(fn));
  }
  void advance(Clock::duration d) {
    m_now += d;
    while (!m_due.empty() && m_due.begin()->first <= m_now) {
      auto fn = std::move(m_due.begin()->second);
      m_due.erase(m_due.begin());
      fn();
    }
  }
  std::size_t pending() const { return m_due.size(); }
  Clock::duration next_delay() const { return m_due.begin()->first - m_now; }

 private:
  Clock::time_point m_now{std::chrono::hours(1000)};
  std::multimap<Clock::time_point, std::function<void()>> m_due;
};

// Records the order in which acquired calls were admitted.
struct Admissions {
  std::vector<int> order;
  std::function<void()> call(int id) {
    return [this, id] { order.push_back(id); };
  }
};

}  // namespace

TEST_CASE("http::Limiter: concurrency cap with a queue in arrival order") {
  LimiterOptions options;
  options.max_concurrency = 2;
  Limiter limiter(options, nullptr);
  Admissions admitted;
  for (int i = 0; i < 5; ++i) limiter.acquire(0, admitted.call(i));
  CHECK(admitted.order == std::vector<int>{0, 1});
  CHECK(limiter.in_flight() == 2);
  CHECK(limiter.queued() == 3);
  limiter.release(CallOutcome::ok);
  CHECK(admitted.order == std::vector<int>{0, 1, 2});
  limiter.release(CallOutcome::failed);
  limiter.release(CallOutcome::ok);
  CHECK(admitted.order == std::vector<int>{0, 1, 2, 3, 4});
  CHECK(limiter.queued() == 0);
  CHECK(limiter.in_flight() == 2);
}

TEST_CASE("http::Limiter: a 429 halves the limit, once per round in flight") {
  LimiterOptions options;
  options.max_concurrency = 8;
  options.successes_per_increase = 3;
  Limiter limiter(options, nullptr);
  Admissions admitted;
  for (int i = 0; i < 8; ++i) limiter.acquire(0, admitted.call(i));
  REQUIRE(limiter.in_flight() == 8);

  limiter.note_rate_limited();
  CHECK(limiter.concurrency_limit() == 4);
  limiter.note_rate_limited();  // the same round: no second cut
  limiter.release(CallOutcome::rate_limited);
  CHECK(limiter.concurrency_limit() == 4);

  SUBCASE("a new round may cut again, not below 1") {
    for (int i = 0; i < 7; ++i) limiter.release(CallOutcome::failed);
    CHECK(limiter.in_flight() == 0);
    limiter.note_rate_limited();
    CHECK(limiter.concurrency_limit() == 2);
    limiter.note_rate_limited();
    CHECK(limiter.concurrency_limit() == 1);
    limiter.note_rate_limited();
    CHECK(limiter.concurrency_limit() == 1);
  }
  SUBCASE("successes grow it back by one per N, up to the maximum") {
    for (int i = 0; i < 7; ++i) limiter.release(CallOutcome::failed);  // failures neither grow nor cut
    CHECK(limiter.concurrency_limit() == 4);
    for (int round = 0; round < 20; ++round) {
      limiter.acquire(0, [] {});
      limiter.release(CallOutcome::ok);
    }
    CHECK(limiter.concurrency_limit() == 8);
  }
  SUBCASE("the queue waits while in flight exceeds the cut limit") {
    limiter.acquire(0, admitted.call(100));
    CHECK(limiter.queued() == 1);
    for (int i = 0; i < 3; ++i) limiter.release(CallOutcome::failed);  // 7 → 4 in flight
    CHECK(limiter.queued() == 1);
    limiter.release(CallOutcome::failed);  // 3 in flight < 4
    CHECK(admitted.order.back() == 100);
  }
}

TEST_CASE("http::Limiter: requests per minute") {
  auto timers = std::make_shared<FakeTimers>();
  LimiterOptions options;
  options.requests_per_minute = 60;  // one per second, burst of one
  Limiter limiter(options, timers);
  Admissions admitted;
  for (int i = 0; i < 3; ++i) limiter.acquire(0, admitted.call(i));
  CHECK(admitted.order == std::vector<int>{0});
  REQUIRE(timers->pending() == 1);
  CHECK(timers->next_delay() == 1s);
  timers->advance(999ms);
  CHECK(admitted.order.size() == 1);
  timers->advance(1ms);
  CHECK(admitted.order == std::vector<int>{0, 1});
  timers->advance(1s);
  CHECK(admitted.order == std::vector<int>{0, 1, 2});
  CHECK(timers->pending() == 0);
}

TEST_CASE("http::Limiter: tokens per minute, with a call larger than the bucket") {
  auto timers = std::make_shared<FakeTimers>();
  LimiterOptions options;
  options.tokens_per_minute = 600;  // 10 tokens/s, bucket of 10
  Limiter limiter(options, timers);
  Admissions admitted;
  limiter.acquire(5, admitted.call(0));
  limiter.acquire(5, admitted.call(1));
  limiter.acquire(30, admitted.call(2));  // waits for a full bucket, then borrows 20
  limiter.acquire(5, admitted.call(3));
  CHECK(admitted.order == std::vector<int>{0, 1});
  timers->advance(999ms);
  CHECK(admitted.order.size() == 2);
  timers->advance(1ms);
  CHECK(admitted.order == std::vector<int>{0, 1, 2});
  // The bucket is at -20: five tokens are 2.5 s away.
  timers->advance(2499ms);
  CHECK(admitted.order.size() == 3);
  timers->advance(1ms);
  CHECK(admitted.order == std::vector<int>{0, 1, 2, 3});
}

TEST_CASE("http::Limiter: per-minute limits need timers") {
  LimiterOptions options;
  options.tokens_per_minute = 1000;
  CHECK_THROWS_AS(Limiter(options, nullptr), std::invalid_argument);
}

TEST_CASE("http::Limiter: a timer that fires after the limiter is gone does nothing") {
  auto timers = std::make_shared<FakeTimers>();
  LimiterOptions options;
  options.requests_per_minute = 60;
  int calls = 0;
  {
    Limiter limiter(options, timers);
    limiter.acquire(0, [&] { ++calls; });
    limiter.acquire(0, [&] { ++calls; });
  }
  timers->advance(5s);
  CHECK(calls == 1);
}
