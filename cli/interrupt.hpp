#pragma once
// SIGINT, SIGTERM and SIGHUP for long commands: while a guard lives, the first
// signal only raises a flag the command polls (so it starts nothing new, saves
// what finished and exits 130); a second signal ends the process at once (the
// store's WAL keeps every commit intact).
namespace genops::cli {

class InterruptGuard {
 public:
  // Installs the handlers (SA_RESETHAND: a repeat of the same signal gets its
  // default action) and clears the flag. Throws Error(internal) when a
  // handler cannot be installed.
  InterruptGuard();
  ~InterruptGuard();  // restores the previous handlers
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // Whether the command should stop: a signal arrived since the guard was
  // made, or writing to stdout failed (cli/output.hpp). Thread-safe, lock-free.
  static bool requested();
  // The signal that arrived (e.g. SIGTERM), 0 for none.
  static int signal_number();
};

}  // namespace genops::cli
