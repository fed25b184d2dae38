#include "core/yaml/prescan.hpp"

#include <cstdio>

#include "core/strings.hpp"
#include "core/utf8.hpp"

namespace genops::core::yaml {

namespace {

constexpr std::size_t k_npos = std::string_view::npos;

std::string hex_byte(unsigned char byte) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", static_cast<unsigned>(byte));
  return buf;
}

// The first C0 control character other than tab, LF and CR, or DEL: YAML
// forbids them and yaml-cpp silently drops some of them.
std::optional<TextProblem> find_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      return TextProblem{i, "control character " + hex_byte(c) + " is not allowed in YAML",
                         {"remove it, or write it as an escape inside a double-quoted string"}};
    }
  }
  return std::nullopt;
}

// The offset of the first invalid UTF-8 byte in text[0, end), judging a
// character that starts before `end` on all its bytes.
std::optional<std::size_t> find_bad_utf8(std::string_view text, std::size_t end) {
  std::size_t bad = 0;
  if (utf8::is_valid(text.substr(0, end), &bad)) return std::nullopt;
  std::size_t bad_in_window = 0;
  if (utf8::is_valid(text.substr(0, bad + 4), &bad_in_window) || bad_in_window != bad) return std::nullopt;
  return bad;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Whether `line[i]` ends a token: end of line, or a blank.
bool ends_token(std::string_view line, std::size_t i) { return i >= line.size() || is_blank(line[i]); }

std::size_t skip_blanks(std::string_view line, std::size_t i) {
  while (i < line.size() && is_blank(line[i])) ++i;
  return i;
}

// Past the closing quote of a quoted scalar whose body starts at `i`, or npos
// when it does not close on this line.
std::size_t skip_quoted(std::string_view line, std::size_t i, char quote) {
  while (i < line.size()) {
    char c = line[i];
    if (quote == '"' && c == '\\') {
      i += 2;
      continue;
    }
    if (c == quote) {
      if (quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
        i += 2;  // '' is an escaped quote
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return k_npos;
}

// Past anchors (&a) and tags (!t) at `i`, and the blanks after them.
std::size_t skip_properties(std::string_view line, std::size_t i) {
  while (i < line.size() && (line[i] == '&' || line[i] == '!')) {
    while (i < line.size() && !is_blank(line[i])) ++i;
    i = skip_blanks(line, i);
  }
  return i;
}

// One pass over the lines; see prescan() in the header for what it estimates.
class Scanner {
 public:
  Scanner(std::string_view text, std::size_t max_depth) : m_text(text), m_max_depth(max_depth) {}

  std::optional<TextProblem> run() {
    std::size_t start = 0;
    while (start <= m_text.size() && !m_problem) {
      auto end = m_text.find('\n', start);
      if (end == k_npos) end = m_text.size();
      auto line = m_text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      m_line_offset = start;
      scan_line(line);
      start = end + 1;
    }
    return std::move(m_problem);
  }

 private:
  enum class Kind { map, seq };
  struct Level {
    std::size_t col;
    Kind kind;
  };

  // Lines inside block scalars, multi-line quotes and plain-scalar
  // continuations carry no structure; everything else goes to scan_block.
  void scan_line(std::string_view line) {
    auto indent = line.find_first_not_of(' ');
    auto first = line.find_first_not_of(" \t");
    bool blank = first == k_npos;
    if (m_block_scalar_owner) {
      if (blank || static_cast<long>(indent) > *m_block_scalar_owner) return;
      m_block_scalar_owner.reset();
    }
    if (m_quote) {
      auto after = skip_quoted(line, 0, m_quote);
      if (after == k_npos) return;
      m_quote = 0;
      if (m_flow_depth > 0) scan_flow(line, after);
      return;
    }
    if (m_flow_depth > 0) {
      // Flow lines must be indented past their block; a line that is not ends
      // the estimate for that flow (yaml-cpp reports the real error).
      if (blank || static_cast<long>(indent) > m_flow_owner) {
        scan_flow(line, 0);
        return;
      }
      m_flow_depth = 0;
    }
    // yaml-cpp rejects a tab that starts a blank or comment line as well.
    bool tab_indent = blank ? !line.empty() && line[0] == '\t' : first != indent;
    if (tab_indent) {
      problem(line.find('\t'), "tab character in indentation; YAML allows only spaces", {"replace tabs with spaces"});
      return;
    }
    if (blank || line[first] == '#') return;
    if (m_continuation_owner) {
      if (static_cast<long>(indent) > *m_continuation_owner) return;
      m_continuation_owner.reset();
    }
    scan_block(line, indent);
  }

  void scan_block(std::string_view line, std::size_t c) {
    if (c == 0 && line[0] == '%') return;  // a directive
    if (c == 0 && (starts_with(line, "---") || starts_with(line, "...")) && ends_token(line, 3)) {
      m_levels.clear();
      scan_value(line, 3, -1);
      return;
    }
    while (!m_levels.empty() && m_levels.back().col > c) m_levels.pop_back();
    // Compact entries: "- - x", "? x", ": x" each open a level at their column.
    while (c < line.size() && (line[c] == '-' || line[c] == '?' || line[c] == ':') && ends_token(line, c + 1)) {
      if (!open_level(c, line[c] == '-' ? Kind::seq : Kind::map)) return;
      c = skip_blanks(line, c + 1);
      if (c >= line.size() || line[c] == '#') return;
    }
    std::size_t value_start = 0;
    if (is_key(line, skip_properties(line, c), value_start)) {
      if (!open_level(c, Kind::map)) return;
      scan_value(line, value_start, static_cast<long>(c));
    } else {
      scan_value(line, c, m_levels.empty() ? -1 : static_cast<long>(m_levels.back().col));
    }
  }

  // Whether a `key:` starts at `i`; then `value_start` is just past the colon.
  static bool is_key(std::string_view line, std::size_t i, std::size_t& value_start) {
    if (i >= line.size()) return false;
    char c = line[i];
    if (c == '[' || c == '{' || c == '|' || c == '>' || c == '#' || c == '*') return false;
    if (c == '"' || c == '\'') {
      auto after = skip_quoted(line, i + 1, c);
      if (after == k_npos) return false;
      after = skip_blanks(line, after);
      if (after < line.size() && line[after] == ':' && ends_token(line, after + 1)) {
        value_start = after + 1;
        return true;
      }
      return false;
    }
    for (std::size_t j = i; j < line.size(); ++j) {
      if (line[j] == '#' && j > i && is_blank(line[j - 1])) return false;
      if (line[j] == ':' && ends_token(line, j + 1)) {
        value_start = j + 1;
        return true;
      }
    }
    return false;
  }

  // A node in block context at `i`, owned by the block collection at column `owner`.
  void scan_value(std::string_view line, std::size_t i, long owner) {
    i = skip_properties(line, skip_blanks(line, i));
    if (i >= line.size() || line[i] == '#') return;
    switch (line[i]) {
      case '*': return;  // an alias
      case '|':
      case '>': m_block_scalar_owner = owner; return;
      case '[':
      case '{':
        m_flow_owner = owner;
        m_flow_node_start = true;
        scan_flow(line, i);
        return;
      case '"':
      case '\'':
        if (skip_quoted(line, i + 1, line[i]) == k_npos) m_quote = line[i];
        return;
      default: m_continuation_owner = owner; return;
    }
  }

  void scan_flow(std::string_view line, std::size_t i) {
    for (; i < line.size() && !m_problem; ++i) {
      char c = line[i];
      if (is_blank(c)) continue;
      if (c == '#' && (i == 0 || is_blank(line[i - 1]))) return;
      if (c == '[' || c == '{') {
        ++m_flow_depth;
        m_flow_node_start = true;
        check_depth(i);
      } else if (c == ']' || c == '}') {
        m_flow_node_start = false;
        if (m_flow_depth > 0 && --m_flow_depth == 0) return;
      } else if (c == ',' || (c == '?' && ends_token(line, i + 1))) {
        m_flow_node_start = true;
      } else if (c == ':') {
        m_flow_node_start = ends_token(line, i + 1) || std::string_view(",[]{}\"'").find(line[i + 1]) != k_npos;
      } else if (m_flow_node_start && (c == '"' || c == '\'')) {
        auto after = skip_quoted(line, i + 1, c);
        if (after == k_npos) {
          m_quote = c;
          return;
        }
        i = after - 1;
        m_flow_node_start = false;
      } else if (m_flow_node_start && (c == '&' || c == '!')) {
        while (i + 1 < line.size() && !is_blank(line[i + 1]) && std::string_view(",[]{}").find(line[i + 1]) == k_npos) ++i;
      } else {
        m_flow_node_start = false;
      }
    }
  }

  // Opens (or continues) the block collection of `kind` at column `col`;
  // false once the depth limit is passed.
  bool open_level(std::size_t col, Kind kind) {
    if (!m_levels.empty() && m_levels.back().col == col) {
      if (m_levels.back().kind == kind) return true;
      if (kind == Kind::map) {
        m_levels.pop_back();  // a key after a list that was the previous key's value
        if (!m_levels.empty() && m_levels.back().col == col) return true;
      }
      // else: a list at the same indentation as its map key, one level deeper
    }
    m_levels.push_back(Level{col, kind});
    return check_depth(col);
  }

  bool check_depth(std::size_t col) {
    if (m_levels.size() + m_flow_depth <= m_max_depth) return true;
    problem(col, "nesting deeper than " + std::to_string(m_max_depth) + " levels (the limit)",
            {"flatten the structure; genops files need only a few levels"});
    return false;
  }

  void problem(std::size_t col, std::string message, std::vector<std::string> hints) {
    if (!m_problem) m_problem = TextProblem{m_line_offset + col, std::move(message), std::move(hints)};
  }

  std::string_view m_text;
  std::size_t m_max_depth;
  std::size_t m_line_offset = 0;
  std::vector<Level> m_levels;
  std::size_t m_flow_depth = 0;
  long m_flow_owner = -1;
  bool m_flow_node_start = false;
  char m_quote = 0;
  std::optional<long> m_block_scalar_owner;
  std::optional<long> m_continuation_owner;
  std::optional<TextProblem> m_problem;
};

}  // namespace

std::optional<TextProblem> prescan(std::string_view text, const Limits& limits) {
  // The structure scan stops at the first deep spot, so the encoding checks
  // need only cover the text before it: hostile deep input fails in O(depth).
  auto problem = Scanner(text, limits.max_depth).run();
  auto checked = text.substr(0, problem ? problem->offset : text.size());
  if (auto bad = find_bad_utf8(text, checked.size())) {
    auto byte = static_cast<unsigned char>(text[*bad]);
    return TextProblem{*bad, "invalid UTF-8 (byte " + hex_byte(byte) + ")", {"save the file as UTF-8"}};
  }
  if (auto control = find_control_character(checked)) return control;
  return problem;
}

}  // namespace genops::core::yaml
