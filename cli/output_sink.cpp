#include "cli/output_sink.hpp"

#include <unistd.h>

#include <cerrno>

#include "core/redact.hpp"

namespace genops::cli {

namespace {
// A line longer than this is written in pieces, cut at whitespace.
constexpr std::size_t k_max_pending = 1024 * 1024;
}  // namespace

void RedactingBuffer::fail_on_write(int error) {
  std::lock_guard lock(m_mutex);
  m_pending_error = error;
}

void RedactingBuffer::drain() {
  std::lock_guard lock(m_mutex);
  emit(m_pending.size());
}

void RedactingBuffer::write_now(std::string_view text) {
  std::lock_guard lock(m_mutex);
  m_pending.append(text);
  emit(m_pending.size());
}

std::streamsize RedactingBuffer::xsputn(const char* s, std::streamsize n) {
  std::lock_guard lock(m_mutex);
  m_pending.append(s, static_cast<std::size_t>(n));
  emit_lines();
  return n;
}

RedactingBuffer::int_type RedactingBuffer::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  std::lock_guard lock(m_mutex);
  m_pending.push_back(traits_type::to_char_type(c));
  emit_lines();
  return c;
}

int RedactingBuffer::sync() {
  std::lock_guard lock(m_mutex);
  emit_lines();
  if (m_kind == Kind::diagnostics) emit(m_pending.size());
  else if (m_pending.size() > k_hold_back) emit_cut(m_pending.size() - k_hold_back);
  return 0;  // a failure is reported through error(), not the stream's state
}

void RedactingBuffer::emit_lines() {
  auto newline = m_pending.rfind('\n');
  if (newline != std::string::npos) emit(newline + 1);
  if (m_pending.size() > k_max_pending) emit_cut(m_pending.size() - k_hold_back);
}

// Emits up to the last whitespace before `limit`, so that no word (a key is
// one) is cut in two; a longer run without whitespace waits for more text.
void RedactingBuffer::emit_cut(std::size_t limit) {
  auto space = limit == 0 ? std::string::npos : m_pending.find_last_of(" \t\r\n", limit - 1);
  if (space != std::string::npos) emit(space + 1);
  else if (m_pending.size() > k_max_pending) emit(limit);
}

void RedactingBuffer::emit(std::size_t count) {
  if (count == 0) return;
  std::string text = core::redact(std::string_view(m_pending).substr(0, count));
  m_pending.erase(0, count);
  if (m_error.load() != 0) return;
  int failure = m_pending_error;
  for (std::size_t done = 0; failure == 0 && done < text.size();) {
    ssize_t n = ::write(m_fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;  // a signal (Ctrl-C) arrived during the write
    if (n <= 0) failure = n < 0 ? errno : EIO;
    else done += static_cast<std::size_t>(n);
  }
  if (failure != 0) {
    m_error.store(failure);
    m_pending.clear();
  }
}

}  // namespace genops::cli
