#include "cli/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace genops::cli {

namespace {

// Process-wide by nature: a signal handler can reach nothing else.
std::atomic<bool> g_interrupted{false};
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

extern "C" void on_signal(int signal) {
  g_interrupted.store(true);
  // The next signal of this kind gets the default action.
  std::signal(signal, SIG_DFL);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_interrupted.store(false);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}

bool InterruptGuard::requested() { return g_interrupted.load(); }

}  // namespace genops::cli
