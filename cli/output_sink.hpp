#pragma once
// The one output sink under std::cout and std::cerr (installed by
// cli::OutputGuard): text accumulates until a newline or a flush, then leaves
// through core::redact and checked write(2) calls. Separate from output.cpp so
// it can be tested on a pipe.
#include <atomic>
#include <cstddef>
#include <mutex>
#include <streambuf>
#include <string>
#include <string_view>

namespace genops::cli {

class RedactingBuffer final : public std::streambuf {
 public:
  // `data` (stdout): a flush mid-line keeps the last k_hold_back bytes, so a
  // secret split across two streamed deltas is redacted whole. `diagnostics`
  // (stderr): a flush writes everything (progress lines).
  enum class Kind { data, diagnostics };
  // Bytes a mid-line flush of `data` keeps back: more than any key, its
  // base64 form or an "Authorization: Bearer" header.
  static constexpr std::size_t k_hold_back = 512;

  // Writes to descriptor `fd` (not owned).
  RedactingBuffer(int fd, Kind kind) : m_fd(fd), m_kind(kind) {}

  // The next write fails with `error` instead of writing (a closed descriptor).
  void fail_on_write(int error);
  // Writes everything pending, however it ends.
  void drain();
  // Appends `text` and writes everything pending now.
  void write_now(std::string_view text);
  // The errno of the first failed write (EPIPE, EBADF, ENOSPC...), 0 while none
  // failed; after a failure nothing more is written. Thread-safe, lock-free.
  int error() const { return m_error.load(std::memory_order_relaxed); }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  void emit_lines();
  void emit_cut(std::size_t limit);
  void emit(std::size_t count);

  int m_fd;
  Kind m_kind;
  std::mutex m_mutex;  // guards m_pending and m_pending_error
  std::string m_pending;
  int m_pending_error = 0;
  std::atomic<int> m_error{0};
};

}  // namespace genops::cli
