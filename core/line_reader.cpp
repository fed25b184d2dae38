#include "core/line_reader.hpp"

#include <cstring>

namespace genops::core {

LineReader::LineReader(std::istream& in, std::size_t max_line_bytes) : m_in(in), m_max(max_line_bytes) {}

bool LineReader::fill() {
  if (!m_in) return false;
  m_in.read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
  m_begin = 0;
  m_end = static_cast<std::size_t>(m_in.gcount());
  return m_end > 0;
}

LineReader::Status LineReader::next(std::string& line) {
  line.clear();
  bool any = false, too_long = false;
  while (true) {
    if (m_begin == m_end && !fill()) {
      if (!any) return Status::end;
      ++m_line_number;
      return too_long ? Status::too_long : Status::line;
    }
    any = true;
    const char* start = m_buffer.data() + m_begin;
    const std::size_t available = m_end - m_begin;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', available));
    const std::size_t take = newline ? static_cast<std::size_t>(newline - start) : available;
    // Keep at most the limit; the rest of a long line is read and dropped.
    if (!too_long) {
      if (line.size() + take > m_max) {
        line.append(start, m_max - line.size());
        too_long = true;
      } else {
        line.append(start, take);
      }
    }
    m_begin += take;
    if (newline) {
      ++m_begin;  // the '\n'
      ++m_line_number;
      return too_long ? Status::too_long : Status::line;
    }
  }
}

std::string describe_byte_limit(std::size_t bytes) {
  constexpr std::size_t k_kib = 1024, k_mib = 1024 * 1024;
  if (bytes >= k_mib && bytes % k_mib == 0) return std::to_string(bytes / k_mib) + " MiB";
  if (bytes >= k_kib && bytes % k_kib == 0) return std::to_string(bytes / k_kib) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace genops::core
