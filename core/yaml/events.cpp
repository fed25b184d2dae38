#include "core/yaml/events.hpp"

namespace genops::core::yaml {

void EventScan::OnDocumentStart(const YAML::Mark& mark) {
  if (m_documents > 0 && mark.pos == m_last_start.pos) m_stuck = true;
  if (m_documents == 1) m_second_start = mark;
  m_last_start = mark;
  ++m_documents;
}

void EventScan::OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) { leaf(mark, anchor); }

void EventScan::OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         const std::string& value) {
  if (counting() && !m_open.empty() && m_open.back().is_map && m_open.back().children % 2 == 0) {
    m_open.back().key = value;
  }
  leaf(mark, anchor);
}

void EventScan::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  if (!counting()) return;
  for (const auto& frame : m_open) {
    if (frame.anchor != YAML::NullAnchor && frame.anchor == anchor) throw Stop{mark, path(), Stop::Reason::cycle};
  }
  m_saw_alias = true;
  auto known = m_sizes.find(anchor);
  std::size_t size = known == m_sizes.end() ? 1 : known->second;
  add(mark, size);
  finish_child(size);
}

void EventScan::OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                                YAML::EmitterStyle::value) {
  open(mark, anchor, false);
}

void EventScan::OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                           YAML::EmitterStyle::value) {
  open(mark, anchor, true);
}

void EventScan::OnSequenceEnd() { close(); }
void EventScan::OnMapEnd() { close(); }

void EventScan::leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
  if (!counting()) return;
  add(mark, 1);
  if (anchor != YAML::NullAnchor) m_sizes[anchor] = 1;
  finish_child(1);
}

void EventScan::open(const YAML::Mark& mark, YAML::anchor_t anchor, bool is_map) {
  if (!counting()) return;
  add(mark, 1);
  m_open.push_back(Frame{anchor, is_map, 1, 0, {}});
}

void EventScan::close() {
  if (!counting() || m_open.empty()) return;
  Frame frame = std::move(m_open.back());
  m_open.pop_back();
  if (frame.anchor != YAML::NullAnchor) m_sizes[frame.anchor] = frame.size;
  finish_child(frame.size);
}

void EventScan::add(const YAML::Mark& mark, std::size_t nodes) {
  m_total += nodes;
  if (m_total <= m_budget) return;
  throw Stop{mark, path(), m_saw_alias ? Stop::Reason::alias_expansion : Stop::Reason::too_many_nodes};
}

void EventScan::finish_child(std::size_t nodes) {
  if (m_open.empty()) return;
  m_open.back().size += nodes;
  ++m_open.back().children;
}

std::string EventScan::path() const {
  std::string out;
  for (const auto& frame : m_open) {
    if (frame.is_map && frame.children % 2 == 0) break;  // reading a key: the map's own path
    if (frame.is_map) {
      out += (out.empty() ? "" : ".") + frame.key;
    } else {
      out += "[" + std::to_string(frame.children) + "]";
    }
  }
  return out;
}

}  // namespace genops::core::yaml
