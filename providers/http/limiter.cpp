#include "providers/http/limiter.hpp"

#include <algorithm>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace genops::providers::http {

namespace {

using Clock = Timers::Clock;

// A token bucket that may go negative: a call larger than the bucket waits
// for a full one and the debt delays the calls after it.
class TokenBucket {
 public:
  TokenBucket(double per_minute, std::chrono::milliseconds burst, Clock::time_point now)
      : m_rate_per_s(per_minute / 60.0),
        m_capacity(std::max(1.0, m_rate_per_s * std::chrono::duration<double>(burst).count())),
        m_level(m_capacity),
        m_last(now) {}

  bool unlimited() const { return m_rate_per_s <= 0; }

  // How long until `amount` may be taken (zero when it may be now).
  Clock::duration wait_for(double amount, Clock::time_point now) {
    if (unlimited()) return Clock::duration::zero();
    refill(now);
    const double need = std::min(amount, m_capacity);
    if (m_level >= need) return Clock::duration::zero();
    const auto seconds = std::chrono::duration<double>((need - m_level) / m_rate_per_s);
    return std::chrono::ceil<Clock::duration>(seconds);
  }

  void take(double amount) {
    if (!unlimited()) m_level -= amount;
  }

 private:
  void refill(Clock::time_point now) {
    const double elapsed = std::chrono::duration<double>(now - m_last).count();
    if (elapsed > 0) m_level = std::min(m_capacity, m_level + elapsed * m_rate_per_s);
    m_last = std::max(m_last, now);
  }

  double m_rate_per_s;
  double m_capacity;
  double m_level;
  Clock::time_point m_last;
};

struct Waiting {
  double tokens;
  std::function<void()> go;
};

}  // namespace

struct Limiter::State : std::enable_shared_from_this<Limiter::State> {
  State(const LimiterOptions& o, std::shared_ptr<Timers> t, Clock::time_point now)
      : options(o),
        timers(std::move(t)),
        requests(o.requests_per_minute, o.burst, now),
        tokens(o.tokens_per_minute, o.burst, now),
        limit(std::max(1, o.max_concurrency)) {}

  Clock::time_point now() const { return timers ? timers->now() : Clock::now(); }

  // Under the lock: a 429 halves the limit unless a cut is still settling.
  void cut_locked() {
    if (cut_guard > 0) return;
    limit = std::max(1, limit / 2);
    cut_guard = in_flight;
    successes = 0;
  }

  // Admits what can go now and arms a timer for a bucket that is short.
  // Runs the admitted callbacks outside the lock.
  void dispatch() {
    std::vector<std::function<void()>> ready;
    {
      std::lock_guard lock(mutex);
      const auto at = now();
      while (!queue.empty() && in_flight < limit) {
        const double cost = queue.front().tokens;
        const auto wait = std::max(requests.wait_for(1, at), tokens.wait_for(cost, at));
        if (wait > Clock::duration::zero()) {
          arm_timer_locked(wait);
          break;
        }
        requests.take(1);
        tokens.take(cost);
        ++in_flight;
        ready.push_back(std::move(queue.front().go));
        queue.pop_front();
      }
    }
    for (auto& go : ready) go();
  }

  void arm_timer_locked(Clock::duration wait) {
    if (timer_armed || !timers) return;
    timer_armed = true;
    std::weak_ptr<State> weak = weak_from_this();
    timers->call_after(wait, [weak] {
      if (auto self = weak.lock()) {
        {
          std::lock_guard lock(self->mutex);
          self->timer_armed = false;
        }
        self->dispatch();
      }
    });
  }

  const LimiterOptions options;
  const std::shared_ptr<Timers> timers;
  mutable std::mutex mutex;  // guards everything below
  TokenBucket requests;
  TokenBucket tokens;
  std::deque<Waiting> queue;
  int limit;
  int in_flight = 0;
  int successes = 0;   // ok calls since the limit last changed
  int cut_guard = 0;   // releases to see before another cut
  bool timer_armed = false;
};

Limiter::Limiter(const LimiterOptions& options, std::shared_ptr<Timers> timers) {
  if (!timers && (options.requests_per_minute > 0 || options.tokens_per_minute > 0)) {
    throw std::invalid_argument("Limiter: per-minute limits need a Timers");
  }
  const auto now = timers ? timers->now() : Clock::now();
  m_state = std::make_shared<State>(options, std::move(timers), now);
}

Limiter::~Limiter() = default;

void Limiter::acquire(std::size_t estimated_tokens, std::function<void()> go) {
  {
    std::lock_guard lock(m_state->mutex);
    m_state->queue.push_back({static_cast<double>(estimated_tokens), std::move(go)});
  }
  m_state->dispatch();
}

void Limiter::note_rate_limited() {
  std::lock_guard lock(m_state->mutex);
  m_state->cut_locked();
}

void Limiter::release(CallOutcome outcome) {
  {
    std::lock_guard lock(m_state->mutex);
    auto& s = *m_state;
    s.in_flight = std::max(0, s.in_flight - 1);
    if (s.cut_guard > 0) --s.cut_guard;
    if (outcome == CallOutcome::rate_limited) {
      s.cut_locked();
    } else if (outcome == CallOutcome::ok && s.limit < s.options.max_concurrency &&
               ++s.successes >= std::max(1, s.options.successes_per_increase)) {
      ++s.limit;
      s.successes = 0;
    }
  }
  m_state->dispatch();
}

int Limiter::concurrency_limit() const {
  std::lock_guard lock(m_state->mutex);
  return m_state->limit;
}

int Limiter::in_flight() const {
  std::lock_guard lock(m_state->mutex);
  return m_state->in_flight;
}

std::size_t Limiter::queued() const {
  std::lock_guard lock(m_state->mutex);
  return m_state->queue.size();
}

}  // namespace genops::providers::http
