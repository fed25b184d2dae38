#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/concurrency/timer_queue.hpp"

using genops::core::concurrency::TimerQueue;
using Clock = TimerQueue::Clock;

TEST_CASE("concurrency::TimerQueue: calls run by deadline, ties in the order queued") {
  TimerQueue timers;
  std::mutex mutex;
  std::vector<int> order;
  std::promise<void> last;
  auto base = Clock::now();
  auto record = [&](int i) {
    return [&, i] {
      std::lock_guard lock(mutex);
      order.push_back(i);
      if (order.size() == 5) last.set_value();
    };
  };
  // Queued out of deadline order; 1, 2 and 3 share one deadline.
  timers.call_at(base + std::chrono::milliseconds(30), record(4));
  timers.call_at(base + std::chrono::milliseconds(20), record(1));
  timers.call_at(base + std::chrono::milliseconds(20), record(2));
  timers.call_at(base + std::chrono::milliseconds(20), record(3));
  timers.call_at(base, record(0));
  last.get_future().wait();
  std::lock_guard lock(mutex);
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("concurrency::TimerQueue: a call never runs before its deadline") {
  TimerQueue timers;
  std::promise<Clock::time_point> ran;
  auto when = Clock::now() + std::chrono::milliseconds(20);
  timers.call_at(when, [&] { ran.set_value(Clock::now()); });
  CHECK(ran.get_future().get() >= when);
}

TEST_CASE("concurrency::TimerQueue: shut_down drops calls not yet due and refuses new ones") {
  auto ran = std::make_shared<std::atomic<int>>(0);
  TimerQueue timers;
  timers.call_after(std::chrono::hours(1), [ran] { ++*ran; });
  timers.shut_down();
  timers.call_after(std::chrono::seconds(0), [ran] { ++*ran; });
  timers.shut_down();  // idempotent
  CHECK(ran->load() == 0);
  CHECK(ran.use_count() == 1);  // the dropped calls were destroyed
}

TEST_CASE("concurrency::TimerQueue: a callback's exception is reported and the thread goes on") {
  std::mutex mutex;
  std::vector<std::string> seen;
  std::promise<void> after;
  TimerQueue timers([&](const std::string& what) {
    std::lock_guard lock(mutex);
    seen.push_back(what);
  });
  timers.call_after(std::chrono::seconds(0), [] { throw std::runtime_error("late bug"); });
  timers.call_after(std::chrono::seconds(0), [&] { after.set_value(); });
  after.get_future().wait();
  CHECK(timers.errors() == 1);
  std::lock_guard lock(mutex);
  CHECK(seen == std::vector<std::string>{"late bug"});
}

TEST_CASE("concurrency::TimerQueue: may be destroyed from inside its own callback") {
  auto timers = std::make_shared<TimerQueue>();
  std::promise<void> destroyed;
  auto holder = std::make_shared<std::shared_ptr<TimerQueue>>(timers);
  timers->call_after(std::chrono::seconds(0), [holder, &destroyed] {
    holder->reset();  // the last owner: ~TimerQueue runs on the timer thread
    destroyed.set_value();
  });
  timers.reset();
  destroyed.get_future().wait();
}
