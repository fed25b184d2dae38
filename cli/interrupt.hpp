#pragma once
// SIGINT/SIGTERM for long commands: while a guard lives, the first signal
// only raises a flag the command polls (so it can save what finished and exit
// 130); a second signal terminates at once, as usual.
namespace genops::cli {

class InterruptGuard {
 public:
  InterruptGuard();   // installs the handlers and clears the flag
  ~InterruptGuard();  // restores the previous handlers
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // Whether a signal arrived since the guard was made. Thread-safe.
  static bool requested();
};

}  // namespace genops::cli
