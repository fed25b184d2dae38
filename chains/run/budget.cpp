#include "chains/run/budget.hpp"

#include <cstdio>

namespace genops::chains::run {

namespace {

std::string money(double usd) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "$%.4f", usd);
  return buf;
}

}  // namespace

std::string format_duration(std::chrono::milliseconds ms) {
  auto n = ms.count();
  if (n % 60'000 == 0 && n >= 60'000) return std::to_string(n / 60'000) + "m";
  if (n % 1000 == 0) return std::to_string(n / 1000) + "s";
  if (n < 1000) return std::to_string(n) + "ms";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fs", static_cast<double>(n) / 1000.0);
  return buf;
}

std::optional<std::string> Budget::charge_step() {
  std::lock_guard lock(m_mutex);
  if (m_limits.max_steps && m_totals.steps >= *m_limits.max_steps)
    return "max_steps " + std::to_string(*m_limits.max_steps) + " reached";
  ++m_totals.steps;
  return std::nullopt;
}

std::optional<std::string> Budget::over_locked() const {
  if (m_limits.max_cost_usd && m_totals.cost_usd + 1e-9 >= *m_limits.max_cost_usd && m_totals.cost_usd > 0)
    return "max_cost_usd " + money(*m_limits.max_cost_usd) + " reached (spent " + money(m_totals.cost_usd) + " in " +
           std::to_string(m_totals.calls) + " calls)";
  std::int64_t tokens = m_totals.input_tokens + m_totals.output_tokens;
  if (m_limits.max_tokens && tokens >= *m_limits.max_tokens)
    return "max_tokens " + std::to_string(*m_limits.max_tokens) + " reached (used " + std::to_string(tokens) + ")";
  return std::nullopt;
}

std::optional<std::string> Budget::check_call() const {
  std::lock_guard lock(m_mutex);
  if (m_limits.max_cost_usd && *m_limits.max_cost_usd == 0) return "max_cost_usd $0 allows no model calls";
  return over_locked();
}

std::optional<std::string> Budget::add_usage(std::int64_t input_tokens, std::int64_t output_tokens, double cost_usd) {
  std::lock_guard lock(m_mutex);
  m_totals.input_tokens += input_tokens;
  m_totals.output_tokens += output_tokens;
  m_totals.cost_usd += cost_usd;
  ++m_totals.calls;
  return over_locked();
}

Totals Budget::totals() const {
  std::lock_guard lock(m_mutex);
  return m_totals;
}

}  // namespace genops::chains::run
