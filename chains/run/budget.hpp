#pragma once
// A run's limits (max_cost_usd, max_tokens, max_steps; the timeout is a
// deadline the runner arms) and what the run has spent so far. Thread-safe.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "chains/chain.hpp"

namespace genops::chains::run {

// What a run has used.
struct Totals {
  std::int64_t steps = 0;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  double cost_usd = 0;
  std::int64_t calls = 0;  // model calls
};

class Budget {
 public:
  explicit Budget(const Limits& limits) : m_limits(limits) {}

  // Counts one more step execution; the reason when that passes max_steps.
  std::optional<std::string> charge_step();
  // Whether another model call may start: the reason when the tokens or
  // the cost spent already reached their limit.
  std::optional<std::string> check_call() const;
  // Adds one call's usage; the reason when a limit is now exceeded.
  std::optional<std::string> add_usage(std::int64_t input_tokens, std::int64_t output_tokens, double cost_usd);
  Totals totals() const;

 private:
  std::optional<std::string> over_locked() const;
  Limits m_limits;
  mutable std::mutex m_mutex;
  Totals m_totals;
};

// "30s", "1.5s", "250ms", "2m" for messages.
std::string format_duration(std::chrono::milliseconds ms);

}  // namespace genops::chains::run
