#pragma once
// Running an eval: cases × providers × repeats through the target, at most N
// at once, assertions evaluated on a small pool, each finished result handed
// back on the calling thread (which records it) in completion order.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/regex.hpp"
#include "eval/assertions/assertion.hpp"
#include "eval/result.hpp"
#include "eval/run/target.hpp"
#include "eval/suite/cases.hpp"
#include "eval/suite/suite.hpp"

namespace genops::eval {

// Which cases run (--filter, --limit, --shard i/n), applied in this order.
struct CaseSelection {
  std::optional<core::Regex> filter;  // searched in the key, the description and the vars as JSON
  std::optional<std::int64_t> limit; // the first N cases that pass the filter
  int shard_index = 0;               // 0-based; the cases (after filter and limit) with shard_of(key, count) == index
  int shard_count = 1;
  bool selects(const Case& c) const;
};

// The 0-based shard of `shard_count` a case belongs to: the first 64 bits of
// the SHA-256 of its key, modulo the count. It depends on the key alone, so
// adding or moving a case never reshuffles the others, and every machine agrees.
int shard_of(std::string_view case_key, int shard_count);

struct EvalOptions {
  std::int64_t planned = 0;                  // from count_planned, for progress
  std::int64_t cases = 0;                    // from count_plan: sizes the run's case-key set up front (a hint)
  int concurrency = 4;                       // (case, provider, repeat) executions in flight
  int assertion_threads = 2;                 // more when judges or exec scorers wait on I/O
  std::vector<std::string> providers{""};    // the matrix; {""} = the target's own providers
  int repeat = 1;
  std::vector<std::string> required_inputs;  // the target's inputs without a default
  CaseSelection selection;
  std::function<bool(const ResultKey&)> done_already;  // --resume: keys recorded before
  std::function<bool()> interrupted;                   // polled; true stops dispatching
  // Called once when executions are still in flight `grace` after the
  // interrupt: ends them (their outcomes come back `interrupted`).
  std::function<void()> abandon;
  std::chrono::milliseconds grace{2000};
};

struct EvalProgress {
  std::int64_t planned = 0;   // executions this run will make (after selection and resume)
  std::int64_t finished = 0;
  std::int64_t passed = 0;
  double cost_usd = 0;
};

struct EvalOutcome {
  std::int64_t planned = 0;
  std::int64_t finished = 0;
  bool interrupted = false;
};

// Counts what run_eval would execute, reading (and so validating) every case
// first: a bad row fails before any model is called. Throws Error(invalid_input).
std::int64_t count_planned(const Suite& suite, const EvalOptions& options);

// What count_planned counts, with the number of cases selected (before the
// provider matrix and repeats multiply them), for `genops eval --dry-run`.
struct PlanCount {
  std::int64_t cases = 0;
  std::int64_t planned = 0;
};
PlanCount count_plan(const Suite& suite, const EvalOptions& options);

// Runs the eval. `on_result` runs on the calling thread for each finished
// result; `on_idle` runs there about every 100 ms (progress, batched commits).
// After an interrupt nothing new starts; executions in flight get
// `options.grace` to finish, then `options.abandon` is called, and whatever
// has still not come back after another grace (+0.5 s) is given up on (the
// target must tolerate late callbacks). Throws what on_result, the target or
// the case source throws, after stopping its threads.
EvalOutcome run_eval(const Suite& suite, const TargetFn& target, const assertions::AssertionServices& services,
                     const EvalOptions& options, const std::function<void(CaseResult)>& on_result,
                     const std::function<void(const EvalProgress&)>& on_idle);

}  // namespace genops::eval
