#include "eval/run/runner.hpp"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

#include "core/concurrency/thread_pool.hpp"
#include "core/hash.hpp"
#include "core/json.hpp"
#include "eval/run/scoring.hpp"

namespace genops::eval {

namespace {

using Clock = std::chrono::steady_clock;

// Cases in order after --filter, --limit and --shard.
class SelectedCases {
 public:
  enum class Pass { count, run };
  // A counting pass reads keys only when the selection or --resume needs them.
  SelectedCases(const Suite& suite, const EvalOptions& options, Pass pass)
      : m_source(suite, options.required_inputs, keys_for(options, pass),
                 pass == Pass::run ? static_cast<std::size_t>(std::max<std::int64_t>(options.cases, 0)) : 0),
        m_selection(options.selection) {}

  std::optional<Case> next() {
    while (auto c = m_source.next()) {
      if (!m_selection.selects(*c)) continue;
      if (m_selection.limit && m_matched >= *m_selection.limit) return std::nullopt;
      ++m_matched;
      if (m_selection.shard_count > 1 && shard_of(c->key, m_selection.shard_count) != m_selection.shard_index) continue;
      return c;
    }
    return std::nullopt;
  }

 private:
  CaseSource m_source;
  const CaseSelection& m_selection;
  std::int64_t m_matched = 0;

  static CaseSource::Keys keys_for(const EvalOptions& options, Pass pass) {
    const bool needed = pass == Pass::run || options.selection.filter || options.selection.shard_count > 1 ||
                        options.done_already;
    return needed ? CaseSource::Keys::unique : CaseSource::Keys::none;
  }
};

class ScoringPool;

struct Job {
  std::shared_ptr<const Case> c;
  std::string provider;
  int repeat = 0;
  TargetOutcome outcome;
};

// What target callbacks and the scoring pool share; it outlives run_eval when
// an interrupted run abandons executions still in flight.
struct Shared {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<CaseResult> scored;
  int running = 0;    // executions whose target has not answered yet
  int in_flight = 0;  // executions whose result was not handed to on_result yet (running ones included)
  bool stopping = false;
  ScoringPool* scorer = nullptr;  // while run_eval runs and until it stops
};

CaseResult score_safely(const Job& job, const Suite& suite, const assertions::AssertionServices& services) {
  try {
    return score_case(*job.c, job.provider, job.repeat, job.outcome, suite.default_asserts, suite.case_threshold,
                      services);
  } catch (const std::exception& e) {
    CaseResult failed;
    failed.case_key = job.c->key;
    failed.case_index = job.c->index;
    failed.provider = job.provider;
    failed.repeat = job.repeat;
    failed.vars = job.c->vars;
    failed.error = std::string("scoring failed: ") + e.what();
    return failed;
  }
}

}  // namespace

int shard_of(std::string_view case_key, int shard_count) {
  const auto digest = core::sha256_hex(case_key);
  const std::uint64_t value = std::stoull(digest.substr(0, 16), nullptr, 16);
  return static_cast<int>(value % static_cast<std::uint64_t>(shard_count));
}

bool CaseSelection::selects(const Case& c) const {
  if (!filter) return true;
  return filter->search(c.key) || filter->search(c.description) || filter->search(core::dump_json(c.vars));
}

PlanCount count_plan(const Suite& suite, const EvalOptions& options) {
  SelectedCases cases(suite, options, SelectedCases::Pass::count);
  PlanCount count;
  while (auto c = cases.next()) {
    ++count.cases;
    for (const auto& provider : options.providers)
      for (int r = 0; r < options.repeat; ++r)
        if (!options.done_already || !options.done_already(ResultKey{c->key, provider, r})) ++count.planned;
  }
  return count;
}

std::int64_t count_planned(const Suite& suite, const EvalOptions& options) { return count_plan(suite, options).planned; }

namespace {

// The scoring threads: the core worker pool, fed by target callbacks. Those
// may arrive after run_eval has left (an abandoned execution), so they reach
// the pool through `Shared` and only while it is not stopping. Stopping is
// RAII: however run_eval leaves (a target or the case source throwing
// included), the pool drains and joins before the state its tasks read goes away.
class ScoringPool {
 public:
  ScoringPool(std::shared_ptr<Shared> shared, const Suite& suite, const assertions::AssertionServices& services,
              int threads)
      : m_shared(std::move(shared)), m_suite(suite), m_services(services),
        m_pool(static_cast<std::size_t>(std::max(1, threads))) {
    std::lock_guard lock(m_shared->mutex);
    m_shared->scorer = this;  // target callbacks may come in from here on
  }
  ~ScoringPool() { stop(); }
  ScoringPool(const ScoringPool&) = delete;
  ScoringPool& operator=(const ScoringPool&) = delete;

  // Queues a finished execution for scoring; dropped once stopped. Called by
  // target callbacks on any thread, never with shared->mutex held.
  static void score(const std::shared_ptr<Shared>& shared, Job job) {
    std::lock_guard lock(shared->mutex);
    // The target's slot is free now, before scoring: run_eval starts the next
    // execution at once (issue 14: a latency-bound eval's slots stayed idle
    // while results were scored and recorded).
    --shared->running;
    shared->changed.notify_all();
    if (shared->stopping || !shared->scorer) return;
    // The pool's queue is unbounded, so this never waits under the lock; the
    // task runs before stop() returns, so `scorer` outlives it.
    auto* scorer = shared->scorer;
    scorer->m_pool.enqueue([scorer, job = std::move(job)]() mutable { scorer->run(std::move(job)); });
  }

  void stop() {
    {
      std::lock_guard lock(m_shared->mutex);
      m_shared->stopping = true;  // no callback reaches the pool from here on
    }
    m_shared->changed.notify_all();
    m_pool.shut_down();  // drain: every queued job is scored
    std::lock_guard lock(m_shared->mutex);
    m_shared->scorer = nullptr;
  }

 private:
  void run(Job job) const {
    if (job.outcome.interrupted) {
      std::lock_guard lock(m_shared->mutex);
      --m_shared->in_flight;
      m_shared->changed.notify_all();
      return;
    }
    CaseResult result = score_safely(job, m_suite, m_services);
    std::lock_guard lock(m_shared->mutex);
    m_shared->scored.push_back(std::move(result));
    m_shared->changed.notify_all();
  }

  std::shared_ptr<Shared> m_shared;
  const Suite& m_suite;
  const assertions::AssertionServices& m_services;
  core::concurrency::ThreadPool m_pool;
};

}  // namespace

EvalOutcome run_eval(const Suite& suite, const TargetFn& target, const assertions::AssertionServices& services,
                     const EvalOptions& options, const std::function<void(CaseResult)>& on_result,
                     const std::function<void(const EvalProgress&)>& on_idle) {
  auto shared = std::make_shared<Shared>();
  ScoringPool pool(shared, suite, services, options.assertion_threads);

  EvalOutcome outcome;
  EvalProgress progress;
  progress.planned = options.planned;
  auto last_idle = Clock::now();
  std::optional<Clock::time_point> interrupted_at;
  // Never called with shared->mutex held: options.interrupted may reach the target.
  auto is_interrupted = [&] {
    if (!interrupted_at && options.interrupted && options.interrupted()) interrupted_at = Clock::now();
    return interrupted_at.has_value();
  };
  auto in_flight = [&] {
    std::lock_guard lock(shared->mutex);
    return shared->in_flight;
  };
  // Results scored but not yet handed to on_result. They are handed on only
  // when no execution can start: a free slot is filled first, so recording
  // (on_result, on_idle's commits) never keeps a slot idle that could be busy.
  std::deque<CaseResult> backlog;
  auto deliver = [&] {
    std::deque<CaseResult> ready;
    ready.swap(backlog);
    for (auto& result : ready) {
      ++outcome.finished;
      ++progress.finished;
      if (result.pass) ++progress.passed;
      progress.cost_usd += result.cost_usd;
      on_result(std::move(result));
    }
    std::lock_guard lock(shared->mutex);
    shared->in_flight -= static_cast<int>(ready.size());
  };
  // Collects scored results; waits up to 100 ms for something to change when
  // there is nothing to hand on and `until` (read under the lock) is not yet
  // true; hands the results on unless `until` is true.
  auto pump = [&](const std::function<bool()>& until) {
    bool go = false;
    {
      std::unique_lock lock(shared->mutex);
      if (backlog.empty() && shared->scored.empty() && !until())
        shared->changed.wait_for(lock, std::chrono::milliseconds(100),
                                 [&] { return !shared->scored.empty() || until(); });
      for (auto& r : shared->scored) backlog.push_back(std::move(r));
      shared->scored.clear();
      go = until();
    }
    if (!go) deliver();
    if (Clock::now() - last_idle >= std::chrono::milliseconds(100)) {
      last_idle = Clock::now();
      if (on_idle) on_idle(progress);
    }
  };

  SelectedCases cases(suite, options, SelectedCases::Pass::run);
  // An execution may start while fewer than `concurrency` targets run and
  // fewer than 2 × concurrency results are unrecorded (memory stays bounded
  // when recording is slower than the targets). Read under the lock.
  auto can_start = [&] {
    return shared->running < options.concurrency && shared->in_flight < 2 * options.concurrency;
  };
  auto dispatch = [&](std::shared_ptr<const Case> c, const std::string& provider, int repeat) {
    while (true) {
      {
        std::lock_guard lock(shared->mutex);
        if (can_start()) {
          ++shared->running;
          ++shared->in_flight;
          break;
        }
      }
      pump(can_start);
      if (is_interrupted()) return false;
    }
    ++outcome.planned;
    target(c->vars, provider, [shared, c, provider, repeat](TargetOutcome result) {
      ScoringPool::score(shared, Job{c, provider, repeat, std::move(result)});
    });
    return true;
  };

  bool stopped = false;
  while (!stopped && !is_interrupted()) {
    auto next = cases.next();
    if (!next) break;
    auto c = std::make_shared<const Case>(std::move(*next));
    for (const auto& provider : options.providers) {
      for (int r = 0; r < options.repeat && !stopped; ++r) {
        if (options.done_already && options.done_already(ResultKey{c->key, provider, r})) continue;
        if (!dispatch(c, provider, r)) stopped = true;
      }
    }
  }
  // Drain: every execution in flight either finishes, or, once interrupted
  // for longer than the grace period, is abandoned (and then given up on).
  auto idle = [&] { return shared->in_flight == 0 && shared->scored.empty(); };
  bool abandoned = false;
  while (true) {
    pump(idle);
    if (in_flight() == 0) break;  // every execution's result was handed on
    if (!is_interrupted()) continue;
    auto waited = Clock::now() - *interrupted_at;
    if (!abandoned && waited >= options.grace) {
      abandoned = true;
      if (options.abandon) options.abandon();
    }
    if (waited >= 2 * options.grace + std::chrono::milliseconds(500)) break;  // late callbacks are harmless
  }
  outcome.interrupted = is_interrupted();
  pool.stop();
  if (on_idle) on_idle(progress);
  return outcome;
}

}  // namespace genops::eval
