#include "providers/sse/sse_parser.hpp"

namespace genops::providers::sse {

namespace {
constexpr std::string_view k_bom = "\xEF\xBB\xBF";
}  // namespace

void SseParser::feed(std::string_view chunk, const EventHandler& on_event) {
  if (!m_started) {
    // The BOM may itself arrive split; hold bytes until it is decided.
    m_bom_prefix.append(chunk);
    if (m_bom_prefix.size() < k_bom.size() && k_bom.substr(0, m_bom_prefix.size()) == m_bom_prefix) return;
    m_started = true;
    std::string held = std::move(m_bom_prefix);
    m_bom_prefix.clear();
    std::string_view rest = held;
    if (rest.substr(0, k_bom.size()) == k_bom) rest.remove_prefix(k_bom.size());
    feed(rest, on_event);
    return;
  }
  while (!chunk.empty()) {
    if (m_after_cr) {
      m_after_cr = false;
      if (chunk.front() == '\n') {
        chunk.remove_prefix(1);
        continue;
      }
    }
    auto end = chunk.find_first_of("\r\n");
    if (end == std::string_view::npos) {
      m_line.append(chunk);
      return;
    }
    m_line.append(chunk.substr(0, end));
    m_after_cr = chunk[end] == '\r';
    chunk.remove_prefix(end + 1);
    process_line(on_event);
  }
}

void SseParser::finish(const EventHandler& on_event) {
  if (!m_started) {
    m_started = true;
    std::string held = std::move(m_bom_prefix);
    m_bom_prefix.clear();
    feed(held, on_event);
  }
  if (!m_line.empty()) process_line(on_event);
  dispatch(on_event);
}

void SseParser::process_line(const EventHandler& on_event) {
  std::string line = std::move(m_line);
  m_line.clear();
  if (line.empty()) {
    dispatch(on_event);
    return;
  }
  if (line.front() == ':') return;  // a comment (keep-alive)
  std::string_view field = line;
  std::string_view value;
  auto colon = field.find(':');
  if (colon != std::string_view::npos) {
    value = field.substr(colon + 1);
    field = field.substr(0, colon);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (m_has_data) m_data += '\n';
    m_data.append(value);
    m_has_data = true;
  } else if (field == "event") {
    m_event.assign(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) m_id.assign(value);
  }
  // `retry` and unknown fields are ignored, as the standard says.
}

void SseParser::dispatch(const EventHandler& on_event) {
  if (!m_has_data) {
    m_event.clear();
    return;
  }
  SseEvent event{std::move(m_event), std::move(m_data), m_id};
  m_event.clear();
  m_data.clear();
  m_has_data = false;
  on_event(event);
}

}  // namespace genops::providers::sse
