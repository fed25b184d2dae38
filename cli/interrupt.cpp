#include "cli/interrupt.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

#include "cli/output.hpp"
#include "core/error.hpp"

namespace genops::cli {

namespace {

constexpr int k_signals[] = {SIGINT, SIGTERM, SIGHUP};

// Process-wide by nature: a signal handler can reach nothing else. A lock-free
// atomic is safe to touch in a handler and to read from any thread.
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);
struct sigaction g_previous[std::size(k_signals)] {};

extern "C" void on_signal(int signal) {
  // A second, different signal (SIGTERM after SIGINT): stop now. _exit is
  // async-signal-safe; committed work is safe in the WAL.
  if (g_signal.exchange(signal) != 0) _exit(128 + signal);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_signal.store(0);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  // The same signal again gets the default action (the process ends), without
  // the handler having to reset anything.
  action.sa_flags = SA_RESETHAND;
  for (std::size_t i = 0; i < std::size(k_signals); ++i) {
    if (sigaction(k_signals[i], &action, &g_previous[i]) == 0) continue;
    std::string message = std::string("cannot install a handler for signal ") + strsignal(k_signals[i]) + ": " +
                          std::strerror(errno);
    while (i-- > 0) (void)sigaction(k_signals[i], &g_previous[i], nullptr);  // the ones already installed
    throw core::Error(core::ErrorKind::internal, message);
  }
}

InterruptGuard::~InterruptGuard() {
  // Restoring cannot usefully fail; a failure leaves our flag-only handler.
  for (std::size_t i = 0; i < std::size(k_signals); ++i) (void)sigaction(k_signals[i], &g_previous[i], nullptr);
}

bool InterruptGuard::requested() { return g_signal.load(std::memory_order_relaxed) != 0 || stdout_failed(); }

int InterruptGuard::signal_number() { return g_signal.load(); }

}  // namespace genops::cli
