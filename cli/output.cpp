#include "cli/output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli/output_sink.hpp"
#include "core/error.hpp"
#include "core/redact.hpp"
#include "core/utf8.hpp"

namespace genops::cli {

namespace {

// The process's two output descriptors: global by nature, like the descriptors.
RedactingBuffer g_stdout_buffer(STDOUT_FILENO, RedactingBuffer::Kind::data);
RedactingBuffer g_stderr_buffer(STDERR_FILENO, RedactingBuffer::Kind::diagnostics);

// Puts /dev/null on a closed standard descriptor; returns whether it was closed.
bool reserve_if_closed(int fd) {
  if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) return false;
  int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0 && null != fd) {
    ::dup2(null, fd);
    ::close(null);
  }
  return true;
}

std::streambuf* g_previous_out = nullptr;
std::streambuf* g_previous_err = nullptr;

}  // namespace

OutputGuard::OutputGuard() {
  // In order, so that open() fills the lowest closed descriptor first.
  reserve_if_closed(STDIN_FILENO);
  bool out_closed = reserve_if_closed(STDOUT_FILENO);
  reserve_if_closed(STDERR_FILENO);
  if (out_closed) g_stdout_buffer.fail_on_write(EBADF);
  g_previous_out = std::cout.rdbuf(&g_stdout_buffer);
  g_previous_err = std::cerr.rdbuf(&g_stderr_buffer);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  if (sigaction(SIGPIPE, &ignore, nullptr) != 0)
    print_warning(std::string("cannot ignore SIGPIPE: ") + std::strerror(errno) + "; a closed pipe will end the process");
}

OutputGuard::~OutputGuard() {
  g_stdout_buffer.drain();
  g_stderr_buffer.drain();
  std::cout.rdbuf(g_previous_out);
  std::cerr.rdbuf(g_previous_err);
}

int OutputGuard::finish(int code) {
  g_stdout_buffer.drain();
  if (!stdout_failed()) return code;
  g_stderr_buffer.write_now(stdout_failure_line() + "\n");
  return core::exit_code(core::ErrorKind::interrupted);
}

bool stdout_failed() { return g_stdout_buffer.error() != 0; }

std::string stdout_failure_line() {
  int error = g_stdout_buffer.error();
  if (error == 0) return "";
  const char* what = error == EBADF ? "it is closed" : std::strerror(error);
  return std::string("genops: error: stdout: cannot write: ") + what + "; finished work is saved";
}

bool colour_enabled(std::FILE* stream) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour && *no_colour) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(fileno(stream)) == 1;
}

std::string paint(std::string_view text, Colour colour, bool enabled) {
  if (!enabled) return std::string(text);
  const char* code = "";
  switch (colour) {
    case Colour::red: code = "\x1b[31m"; break;
    case Colour::green: code = "\x1b[32m"; break;
    case Colour::yellow: code = "\x1b[33m"; break;
    case Colour::cyan: code = "\x1b[36m"; break;
    case Colour::bold: code = "\x1b[1m"; break;
    case Colour::dim: code = "\x1b[2m"; break;
  }
  return std::string(code) + std::string(text) + "\x1b[0m";
}

void print_json(const nlohmann::json& value) {
  std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

namespace {
// Display width: one column per code point.
std::size_t width(std::string_view s) { return core::utf8::count(s); }
}  // namespace

void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - width(row[i]) + 2, ' ');
    }
    out += line + '\n';
  }
  std::cout << out;
}

void print_warning(std::string_view message) { std::cerr << "genops: warning: " << message << '\n'; }

void print_note(std::string_view message) { std::cerr << message << '\n'; }

void print_progress(std::string_view text) { g_stderr_buffer.write_now(text); }

}  // namespace genops::cli
