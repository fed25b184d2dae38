#pragma once
// Line-by-line reading with bounded memory (after ninja's LineReader): input
// is read through a fixed buffer and a line is kept only up to a limit, so a
// 200 MB line costs the limit, not 200 MB plus the string's growth.
#include <array>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>

namespace genops::core {

inline constexpr std::size_t k_default_max_line_bytes = 16 * 1024 * 1024;  // 16 MiB per JSONL line

class LineReader {
 public:
  enum class Status { line, too_long, end };

  // Reads from `in` (which must outlive the reader); lines longer than
  // `max_line_bytes` (without the '\n') are reported, not kept.
  LineReader(std::istream& in, std::size_t max_line_bytes = k_default_max_line_bytes);

  // The next line, without its '\n', into `line`: Status::line; a line over
  // the limit: Status::too_long (its rest is skipped, `line` holds its first
  // max_line_bytes bytes); Status::end at the end of input. A last line
  // without '\n' is a line.
  Status next(std::string& line);

  // The 1-based number of the line `next` returned last (0 before the first).
  std::int64_t line_number() const { return m_line_number; }
  std::size_t max_line_bytes() const { return m_max; }

 private:
  bool fill();  // false at the end of input
  std::istream& m_in;
  std::size_t m_max;
  std::array<char, 64 * 1024> m_buffer{};
  std::size_t m_begin = 0, m_end = 0;  // unread bytes in m_buffer
  std::int64_t m_line_number = 0;
};

// "16 MiB", "1 KiB", "300 bytes": a byte limit for messages.
std::string describe_byte_limit(std::size_t bytes);

}  // namespace genops::core
