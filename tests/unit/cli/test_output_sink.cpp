#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <ostream>
#include <string>

#include "cli/output_sink.hpp"
#include "core/redact.hpp"

using genops::cli::RedactingBuffer;

namespace {

// A pipe whose read end the test drains after writing (small texts only).
struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() { REQUIRE(::pipe(fds) == 0); }
  ~Pipe() {
    if (fds[0] >= 0) ::close(fds[0]);
    if (fds[1] >= 0) ::close(fds[1]);
  }
  std::string read_all() {
    ::close(fds[1]);
    fds[1] = -1;
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    return out;
  }
};

const std::string k_key = "sk-sinktest0123456789abcdefghijklmnop";

}  // namespace

TEST_CASE("cli::RedactingBuffer: lines leave redacted, a key split across two flushes too") {
  genops::core::register_secret(k_key);
  Pipe pipe;
  {
    RedactingBuffer buffer(pipe.fds[1], RedactingBuffer::Kind::data);
    std::ostream out(&buffer);
    out << "first " << k_key << " line\n";
    // Streamed deltas: the key arrives in two pieces, each flushed at once.
    std::string words;
    for (int i = 0; i < 150; ++i) words += "word ";  // enough that a flush writes some of it
    out << words << "your key is " << k_key.substr(0, 12) << std::flush;
    out << k_key.substr(12) << " and more" << std::flush;
    buffer.drain();
    CHECK(buffer.error() == 0);
  }
  auto text = pipe.read_all();
  CHECK(text.find(k_key.substr(0, 12)) == std::string::npos);
  CHECK(text.find(k_key.substr(12)) == std::string::npos);
  CHECK(text.starts_with("first [REDACTED] line\n"));
  CHECK(text.ends_with(" your key is [REDACTED] and more"));
}

TEST_CASE("cli::RedactingBuffer: a failed write is remembered and nothing more is written") {
  SUBCASE("a pipe whose reader went away: EPIPE") {
    struct sigaction ignore {}, previous{};
    ignore.sa_handler = SIG_IGN;
    REQUIRE(sigaction(SIGPIPE, &ignore, &previous) == 0);
    Pipe pipe;
    ::close(pipe.fds[0]);
    pipe.fds[0] = -1;
    RedactingBuffer buffer(pipe.fds[1], RedactingBuffer::Kind::data);
    std::ostream out(&buffer);
    out << "lost\n";
    CHECK(buffer.error() == EPIPE);
    out << "also lost\n";
    CHECK(buffer.error() == EPIPE);
    REQUIRE(sigaction(SIGPIPE, &previous, nullptr) == 0);
  }
  SUBCASE("a full disk: ENOSPC") {
    int full = ::open("/dev/full", O_WRONLY);
    REQUIRE(full >= 0);
    RedactingBuffer buffer(full, RedactingBuffer::Kind::data);
    std::ostream out(&buffer);
    out << "lost\n" << std::flush;
    CHECK(buffer.error() == ENOSPC);
    ::close(full);
  }
  SUBCASE("a closed descriptor: the error given, on the first write only") {
    Pipe pipe;
    RedactingBuffer buffer(pipe.fds[1], RedactingBuffer::Kind::data);
    buffer.fail_on_write(EBADF);
    CHECK(buffer.error() == 0);
    std::ostream out(&buffer);
    out << "lost\n";
    CHECK(buffer.error() == EBADF);
    CHECK(pipe.read_all().empty());
  }
}
