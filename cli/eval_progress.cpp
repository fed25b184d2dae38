#include "cli/eval_progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "cli/output.hpp"

namespace genops::cli {

EvalProgressLine::EvalProgressLine() : m_start(std::chrono::steady_clock::now()) {
  const char* term = std::getenv("TERM");
  m_enabled = isatty(STDERR_FILENO) == 1 && !(term && std::string_view(term) == "dumb");
}

void EvalProgressLine::update(const eval::EvalProgress& p) {
  if (!m_enabled || p.finished == 0) return;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  double rate = seconds > 0 ? static_cast<double>(p.finished) / seconds : 0;
  double left = rate > 0 ? static_cast<double>(p.planned - p.finished) / rate : 0;
  auto eta = static_cast<long>(left + 0.5);
  char line[160];
  std::snprintf(line, sizeof line, "\r\033[K  %lld/%lld  passing %.1f%%  %.1f/s  ETA %ld:%02ld  $%.4f",
                static_cast<long long>(p.finished), static_cast<long long>(p.planned),
                100.0 * static_cast<double>(p.passed) / static_cast<double>(p.finished), rate, eta / 60, eta % 60,
                p.cost_usd);
  print_progress(line);
  m_shown = true;
}

void EvalProgressLine::clear() {
  if (!m_shown) return;
  print_progress("\r\033[K");
  m_shown = false;
}

}  // namespace genops::cli
