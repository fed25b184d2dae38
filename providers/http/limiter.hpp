#pragma once
// Per-provider limits: a concurrency cap that adapts to 429s (halves on one,
// grows back by one per N successes), plus requests-per-minute and
// tokens-per-minute token buckets. Callback-based: nothing ever blocks a thread.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "providers/http/timers.hpp"

namespace genops::providers::http {

// How an admitted call ended, for the adaptive concurrency.
enum class CallOutcome {
  ok,            // a usable reply: counts towards growing the limit back
  rate_limited,  // the final reply was a 429
  failed,        // anything else: neither grows nor cuts
};

struct LimiterOptions {
  int max_concurrency = 16;         // the ceiling of the adaptive limit, ≥ 1
  double requests_per_minute = 0;   // 0: unlimited
  double tokens_per_minute = 0;     // 0: unlimited
  int successes_per_increase = 16;  // the limit grows by one per this many ok calls
  // Bucket capacity, as time at the full rate (at least one request's worth).
  std::chrono::milliseconds burst{1'000};
};

class Limiter {
 public:
  // `timers` supplies the clock and wakes queued calls when a bucket refills;
  // it may be null only when neither per-minute rate is set
  // (throws std::invalid_argument otherwise).
  Limiter(const LimiterOptions& options, std::shared_ptr<Timers> timers);
  ~Limiter();
  Limiter(const Limiter&) = delete;
  Limiter& operator=(const Limiter&) = delete;

  // Runs `go` once a slot is free and the buckets hold one request and
  // `estimated_tokens`, in arrival order: inline when possible, otherwise later
  // on the thread of a release() or of the timers. A call larger than the
  // bucket waits for a full bucket and borrows the rest from the future.
  // Every admitted call must be followed by exactly one release().
  void acquire(std::size_t estimated_tokens, std::function<void()> go);

  // A 429 was seen (also one that will be retried): halves the limit (not
  // below 1), at most once until the calls in flight at the last cut are released.
  void note_rate_limited();

  // An admitted call finished; frees its slot and may admit queued ones.
  void release(CallOutcome outcome);

  // The current adaptive concurrency limit.
  int concurrency_limit() const;
  // Calls admitted and not yet released.
  int in_flight() const;
  // Calls waiting for admission.
  std::size_t queued() const;

 private:
  struct State;
  std::shared_ptr<State> m_state;
};

}  // namespace genops::providers::http
