#include "core/concurrency/thread_pool.hpp"

#include <algorithm>
#include <exception>

namespace genops::core::concurrency {

ThreadPool::ThreadPool(std::size_t threads, std::size_t max_queue, ErrorHandler on_error)
    : m_max_queue(std::max<std::size_t>(1, max_queue)), m_on_error(std::move(on_error)) {
  const auto n = std::max<std::size_t>(1, threads);
  m_threads.reserve(n);
  for (std::size_t i = 0; i < n; ++i) m_threads.emplace_back([this] { work(); });
}

ThreadPool::~ThreadPool() { shut_down(Shutdown::drain); }

bool ThreadPool::enqueue(std::function<void()> task) {
  {
    std::unique_lock lock(m_mutex);
    m_space.wait(lock, [&] { return m_shutting_down || m_queue.size() < m_max_queue; });
    if (!m_shutting_down) {
      m_queue.push_back(std::move(task));
      lock.unlock();
      m_work.notify_one();
      return true;
    }
  }
  task = nullptr;  // refused: destroyed here, outside the lock
  return false;
}

void ThreadPool::shut_down(Shutdown mode) {
  std::deque<std::function<void()>> dropped;
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(m_mutex);
    m_shutting_down = true;
    if (mode == Shutdown::drop) dropped.swap(m_queue);
    threads.swap(m_threads);
  }
  m_work.notify_all();
  m_space.notify_all();
  for (auto& t : threads) t.join();
  dropped.clear();  // outside the lock
}

std::size_t ThreadPool::errors() const {
  std::lock_guard lock(m_mutex);
  return m_errors;
}

std::optional<std::string> ThreadPool::first_error() const {
  std::lock_guard lock(m_mutex);
  return m_first_error;
}

void ThreadPool::report(std::string what) {
  {
    std::lock_guard lock(m_mutex);
    ++m_errors;
    if (!m_first_error) m_first_error = what;
  }
  if (!m_on_error) return;
  try {
    m_on_error(what);
  } catch (...) {
    // The handler is the last place to report to; the error was counted above.
  }
}

void ThreadPool::work() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(m_mutex);
      m_work.wait(lock, [&] { return m_shutting_down || !m_queue.empty(); });
      if (m_queue.empty()) return;  // shutting down, nothing left to drain
      task = std::move(m_queue.front());
      m_queue.pop_front();
    }
    m_space.notify_one();
    try {
      task();
      task = nullptr;  // its captures die on this thread, before the next wait
      continue;
    } catch (const std::exception& e) {
      report(e.what());
    } catch (...) {
      report("an exception that is not a std::exception");
    }
  }
}

}  // namespace genops::core::concurrency
