#include "chains/run/executor.hpp"

#include <algorithm>
#include <exception>

namespace genops::chains::run {

Executor::Executor(int threads, ErrorHandler on_error) : m_on_error(std::move(on_error)) {
  for (int i = 0; i < std::max(1, threads); ++i) m_threads.emplace_back([this] { work(); });
  m_timer = std::thread([this] { time(); });
}

Executor::~Executor() { stop(); }

void Executor::post(std::function<void()> task) {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return;
    m_tasks.push_back(std::move(task));
  }
  m_work_cv.notify_one();
}

void Executor::post_at(Clock::time_point when, std::function<void()> task) {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return;
    m_timed.push({when, m_timed_order++, std::move(task)});
  }
  m_timer_cv.notify_one();
}

void Executor::stop() {
  std::deque<std::function<void()>> dropped;
  std::vector<Timed> dropped_timed;
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping && m_threads.empty()) return;
    m_stopping = true;
    dropped.swap(m_tasks);
    while (!m_timed.empty()) {
      dropped_timed.push_back(std::move(const_cast<Timed&>(m_timed.top())));
      m_timed.pop();
    }
  }
  m_work_cv.notify_all();
  m_timer_cv.notify_all();
  for (auto& t : m_threads) {
    if (t.joinable()) t.join();
  }
  if (m_timer.joinable()) m_timer.join();
  std::lock_guard lock(m_mutex);
  m_threads.clear();
  // `dropped` is destroyed outside the lock: tasks may own things whose
  // destructors post again (and are then dropped).
}

std::size_t Executor::internal_errors() const {
  std::lock_guard lock(m_mutex);
  return m_internal_errors;
}

void Executor::work() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(m_mutex);
      m_work_cv.wait(lock, [&] { return m_stopping || !m_tasks.empty(); });
      if (m_stopping) return;
      task = std::move(m_tasks.front());
      m_tasks.pop_front();
    }
    std::string what;
    try {
      task();
      continue;
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
      what = "an exception that is not a std::exception";
    }
    {
      std::lock_guard lock(m_mutex);
      ++m_internal_errors;
    }
    if (m_on_error) {
      try {
        m_on_error(what);
      } catch (...) {
        // The handler is the last place to report to; it was counted above.
      }
    }
  }
}

void Executor::time() {
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    if (m_timed.empty()) {
      m_timer_cv.wait(lock);
      continue;
    }
    auto when = m_timed.top().when;
    if (Clock::now() < when) {
      m_timer_cv.wait_until(lock, when);
      continue;
    }
    auto task = std::move(const_cast<Timed&>(m_timed.top()).task);
    m_timed.pop();
    m_tasks.push_back(std::move(task));
    m_work_cv.notify_one();
  }
}

}  // namespace genops::chains::run
