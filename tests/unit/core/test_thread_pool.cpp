#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/concurrency/thread_pool.hpp"

using genops::core::concurrency::ThreadPool;

namespace {

// A gate the test opens: tasks wait on it, so the test decides when they run.
class Gate {
 public:
  void wait() {
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [&] { return m_open; });
  }
  void open() {
    {
      std::lock_guard lock(m_mutex);
      m_open = true;
    }
    m_cv.notify_all();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_open = false;
};

}  // namespace

TEST_CASE("concurrency::ThreadPool: one worker runs tasks in the order they were queued") {
  std::vector<int> order;
  {
    ThreadPool pool(1);
    for (int i = 0; i < 100; ++i) pool.enqueue([&order, i] { order.push_back(i); });
  }  // the destructor drains
  REQUIRE(order.size() == 100);
  for (int i = 0; i < 100; ++i) CHECK(order[static_cast<std::size_t>(i)] == i);
}

TEST_CASE("concurrency::ThreadPool: enqueue blocks while the bounded queue is full") {
  ThreadPool pool(1, 2);
  Gate gate;
  std::promise<void> started;
  pool.enqueue([&] {
    started.set_value();
    gate.wait();
  });
  started.get_future().wait();  // the worker holds the first task; the queue is empty
  CHECK(pool.enqueue([] {}));
  CHECK(pool.enqueue([] {}));  // the queue is now full (2)
  std::atomic<bool> third_queued{false};
  std::thread producer([&] {
    pool.enqueue([] {});
    third_queued = true;
  });
  // The producer cannot get in until the worker takes a task, which it cannot
  // do before the gate opens; nothing the test does in between lets it in.
  CHECK_FALSE(third_queued.load());
  gate.open();
  producer.join();
  CHECK(third_queued.load());
}

TEST_CASE("concurrency::ThreadPool: shut_down(drain) runs every queued task") {
  std::atomic<int> ran{0};
  ThreadPool pool(2, 4);
  for (int i = 0; i < 50; ++i) pool.enqueue([&] { ++ran; });
  pool.shut_down();
  CHECK(ran.load() == 50);
  CHECK_FALSE(pool.enqueue([&] { ++ran; }));  // refused after shutdown, never run
  pool.shut_down();                            // idempotent
  CHECK(ran.load() == 50);
}

TEST_CASE("concurrency::ThreadPool: shut_down(drop) drops what is queued and waits for what runs") {
  Gate gate;
  std::promise<void> started;
  std::atomic<int> ran{0};
  ThreadPool pool(1);
  pool.enqueue([&] {
    started.set_value();
    gate.wait();
    ++ran;
  });
  started.get_future().wait();
  for (int i = 0; i < 10; ++i) pool.enqueue([&] { ++ran; });
  std::thread closer([&] { pool.shut_down(ThreadPool::Shutdown::drop); });
  // enqueue is refused from the moment the queue was dropped (one lock).
  while (pool.enqueue([] {})) std::this_thread::yield();
  gate.open();
  closer.join();
  CHECK(ran.load() == 1);
}

TEST_CASE("concurrency::ThreadPool: a dropped task's destructor may enqueue again and is refused") {
  struct PostsOnDestruction {
    ThreadPool* pool;
    std::shared_ptr<std::atomic<int>> refused;
    ~PostsOnDestruction() {
      if (pool && !pool->enqueue([] {})) ++*refused;
    }
  };
  Gate gate;
  std::promise<void> started;
  auto refused = std::make_shared<std::atomic<int>>(0);
  ThreadPool pool(1);
  pool.enqueue([&] {
    started.set_value();
    gate.wait();
  });
  started.get_future().wait();
  auto owner = std::make_shared<PostsOnDestruction>(PostsOnDestruction{&pool, refused});
  pool.enqueue([owner] {});
  owner.reset();
  std::thread closer([&] { pool.shut_down(ThreadPool::Shutdown::drop); });
  // enqueue is refused from the moment the queue was dropped (one lock).
  while (pool.enqueue([] {})) std::this_thread::yield();
  gate.open();
  closer.join();
  CHECK(refused->load() == 1);
}

TEST_CASE("concurrency::ThreadPool: a task's exception reaches the error handler and the first-error slot") {
  std::mutex mutex;
  std::vector<std::string> seen;
  std::atomic<int> ran{0};
  {
    ThreadPool pool(1, ThreadPool::k_unbounded, [&](const std::string& what) {
      std::lock_guard lock(mutex);
      seen.push_back(what);
    });
    pool.enqueue([] { throw std::runtime_error("first"); });
    pool.enqueue([] { throw 42; });
    pool.enqueue([&] { ++ran; });  // the worker goes on
    pool.shut_down();
    CHECK(pool.errors() == 2);
    CHECK(pool.first_error() == std::optional<std::string>("first"));
  }
  CHECK(ran.load() == 1);
  CHECK(seen == std::vector<std::string>{"first", "an exception that is not a std::exception"});
}

TEST_CASE("concurrency::ThreadPool: submit returns the result or the exception through the future") {
  ThreadPool pool(2);
  auto value = pool.submit([] { return 6 * 7; });
  auto failure = pool.submit([]() -> int { throw std::runtime_error("boom"); });
  // Drained and joined first: a worker drops its task (and the last reference to the
  // exception) after the future is ready, and libstdc++'s exception_ptr counting is
  // invisible to ThreadSanitizer, which would report that as a race.
  pool.shut_down();
  CHECK(value.get() == 42);
  CHECK_THROWS_WITH_AS(failure.get(), "boom", std::runtime_error);
  CHECK(pool.errors() == 0);  // it went to the caller, not to the handler
  auto late = pool.submit([] { return 1; });
  CHECK_THROWS_AS(late.get(), std::future_error);
}

TEST_CASE("concurrency::ThreadPool: many producers and workers lose no task") {
  std::atomic<int> ran{0};
  {
    ThreadPool pool(3, 8);
    std::vector<std::thread> producers;
    for (int p = 0; p < 4; ++p)
      producers.emplace_back([&] {
        for (int i = 0; i < 500; ++i) pool.enqueue([&] { ++ran; });
      });
    for (auto& t : producers) t.join();
  }
  CHECK(ran.load() == 2000);
}
