#include <doctest/doctest.h>

#include <sstream>
#include <streambuf>
#include <string>

#include "core/line_reader.hpp"

using genops::core::LineReader;
using Status = LineReader::Status;

namespace {

// `bytes` of 'x' then "\n" then `tail`, generated as read: the input itself is
// never held in memory, so only the reader's own buffers are.
class LongLineBuf : public std::streambuf {
 public:
  LongLineBuf(std::size_t bytes, std::string tail) : m_left(bytes), m_tail(std::move(tail) + "") {
    m_chunk.assign(4096, 'x');
  }

 protected:
  int_type underflow() override {
    if (m_left > 0) {
      const std::size_t n = std::min(m_left, m_chunk.size());
      m_left -= n;
      setg(m_chunk.data(), m_chunk.data(), m_chunk.data() + n);
      return traits_type::to_int_type(m_chunk[0]);
    }
    if (!m_tail_sent) {
      m_tail_sent = true;
      m_rest = "\n" + m_tail;
      setg(m_rest.data(), m_rest.data(), m_rest.data() + m_rest.size());
      return traits_type::to_int_type(m_rest[0]);
    }
    return traits_type::eof();
  }

 private:
  std::size_t m_left;
  std::string m_tail, m_chunk, m_rest;
  bool m_tail_sent = false;
};

}  // namespace

TEST_CASE("core::LineReader: lines, a last line without newline, empty lines") {
  std::istringstream in("one\n\ntwo\r\nthree");
  LineReader reader(in, 100);
  std::string line;
  CHECK(reader.next(line) == Status::line);
  CHECK(line == "one");
  CHECK(reader.next(line) == Status::line);
  CHECK(line.empty());
  CHECK(reader.next(line) == Status::line);
  CHECK(line == "two\r");
  CHECK(reader.next(line) == Status::line);
  CHECK(line == "three");
  CHECK(reader.line_number() == 4);
  CHECK(reader.next(line) == Status::end);
}

TEST_CASE("core::LineReader: a line longer than the buffer within the limit is whole") {
  std::string big(200 * 1024, 'y');
  std::istringstream in(big + "\nnext\n");
  LineReader reader(in, 300 * 1024);
  std::string line;
  CHECK(reader.next(line) == Status::line);
  CHECK(line == big);
  CHECK(reader.next(line) == Status::line);
  CHECK(line == "next");
}

TEST_CASE("core::LineReader: a 20 MB line over a low limit is reported with bounded memory") {
  constexpr std::size_t k_line = 20 * 1000 * 1000, k_limit = 64 * 1024;
  LongLineBuf buf(k_line, "{\"after\": 1}\n");
  std::istream in(&buf);
  LineReader reader(in, k_limit);
  std::string line;
  CHECK(reader.next(line) == Status::too_long);
  CHECK(reader.line_number() == 1);
  CHECK(line.size() == k_limit);
  CHECK(line.capacity() <= 4 * k_limit);  // never grew towards 20 MB
  CHECK(reader.next(line) == Status::line);
  CHECK(line == "{\"after\": 1}");
  CHECK(reader.line_number() == 2);
  CHECK(reader.next(line) == Status::end);
}

TEST_CASE("core::describe_byte_limit") {
  CHECK(genops::core::describe_byte_limit(16 * 1024 * 1024) == "16 MiB");
  CHECK(genops::core::describe_byte_limit(64 * 1024) == "64 KiB");
  CHECK(genops::core::describe_byte_limit(300) == "300 bytes");
}
