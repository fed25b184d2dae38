#include "chains/run/executor.hpp"

#include <algorithm>

namespace genops::chains::run {

Executor::Executor(int threads, ErrorHandler on_error)
    : m_pool(static_cast<std::size_t>(std::max(1, threads)), core::concurrency::ThreadPool::k_unbounded,
             std::move(on_error)) {}

Executor::~Executor() { stop(); }

void Executor::post(std::function<void()> task) { m_pool.enqueue(std::move(task)); }

void Executor::post_at(Clock::time_point when, std::function<void()> task) {
  // The timer thread only moves the task into the pool; a task dropped on the
  // way (the executor stopping) is destroyed unrun.
  m_timers.call_at(when, [this, task = std::move(task)]() mutable { m_pool.enqueue(std::move(task)); });
}

void Executor::stop() {
  m_timers.shut_down();  // first: no timed task can reach the pool afterwards
  m_pool.shut_down(core::concurrency::ThreadPool::Shutdown::drop);
}

std::size_t Executor::internal_errors() const { return m_pool.errors(); }

}  // namespace genops::chains::run
