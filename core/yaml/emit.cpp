#include "core/yaml/emit.hpp"

#include <string_view>

#include "core/yaml/scalar.hpp"

namespace genops::core::yaml {

namespace {

using ojson = nlohmann::ordered_json;

bool reads_as_other(std::string_view s) {
  if (s == "true" || s == "false" || s == "null" || s == "~" || s == "True" || s == "False" || s == "Null" ||
      s == "NULL" || s == "TRUE" || s == "FALSE" || s == "yes" || s == "no" || s == "on" || s == "off")
    return true;
  if (is_number(s)) return true;
  // to_json's number forms also accept a leading '+' and "1." etc.
  std::string_view digits = s;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-' || digits[0] == '.')) digits.remove_prefix(1);
  return !digits.empty() && digits[0] >= '0' && digits[0] <= '9';
}

// A string YAML reads back unchanged when written without quotes.
bool plain_safe(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ' || reads_as_other(s)) return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos) return false;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos || s.back() == ':')
    return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

// Multi-line text without tabs or other control characters reads back from a literal block.
bool literal_safe(std::string_view s) {
  if (s.find('\n') == std::string_view::npos || s.find_first_not_of('\n') == std::string_view::npos) return false;
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\n') || c == 0x7f) return false;
  // A line of spaces only would read back as an empty line.
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    auto line = s.substr(start, end - start);
    if (!line.empty() && line.find_first_not_of(' ') == std::string_view::npos) return false;
    start = end + 1;
  }
  return true;
}

// A JSON string literal is a valid YAML double-quoted scalar.
std::string quote_json(const std::string& s) {
  return ojson(s).dump(-1, ' ', false, ojson::error_handler_t::replace);
}

class Writer {
 public:
  explicit Writer(const Comments& comments) : m_comments(comments) {}
  std::string take() { return std::move(m_out); }

  void comment(const std::string& pointer, int col) {
    auto it = m_comments.find(pointer);
    if (it == m_comments.end()) return;
    std::string_view text = it->second;
    while (true) {
      auto nl = text.find('\n');
      m_out += std::string(static_cast<std::size_t>(col), ' ') + "# " + std::string(text.substr(0, nl)) + "\n";
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
  }

  // Writes a value that follows "key:" or "- " on the current line.
  void value(const ojson& v, int col, const std::string& pointer, bool after_dash) {
    if (v.is_object() && !v.empty()) {
      if (after_dash) return map(v, col, pointer, true);
      m_out += "\n";
      return map(v, col, pointer, false);
    }
    if (v.is_array() && !v.empty()) {
      m_out += "\n";
      return seq(v, col, pointer);
    }
    m_out += " ";
    scalar(v, col);
    m_out += "\n";
  }

  void map(const ojson& v, int col, const std::string& pointer, bool first_inline) {
    bool first = true;
    for (const auto& [key, item] : v.items()) {
      std::string child = pointer + "/" + escape_pointer(key);
      if (!(first && first_inline)) {
        comment(child, col);
        m_out += std::string(static_cast<std::size_t>(col), ' ');
      }
      first = false;
      m_out += plain_safe(key) ? key : quote_json(key);
      m_out += ":";
      value(item, col + 2, child, false);
    }
  }

  void seq(const ojson& v, int col, const std::string& pointer) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string child = pointer + "/" + std::to_string(i);
      comment(child, col);
      m_out += std::string(static_cast<std::size_t>(col), ' ') + "-";
      const ojson& item = v[i];
      if (item.is_object() && !item.empty()) {
        m_out += " ";
        map(item, col + 2, child, true);
      } else {
        value(item, col + 2, child, true);
      }
    }
  }

  void scalar(const ojson& v, int col) {
    if (v.is_object()) { m_out += "{}"; return; }
    if (v.is_array()) { m_out += "[]"; return; }
    if (!v.is_string()) { m_out += v.dump(-1, ' ', false, ojson::error_handler_t::replace); return; }
    const auto& s = v.get_ref<const std::string&>();
    if (plain_safe(s)) { m_out += s; return; }
    if (!literal_safe(s)) { m_out += quote_json(s); return; }
    literal(s, col);
  }

  // A literal block: `|` with an indentation indicator when the text starts
  // with a space, and `-` / `+` chomping for no or several trailing newlines.
  void literal(const std::string& s, int col) {
    std::size_t trailing = 0;
    while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
    std::string body = s.substr(0, s.size() - trailing);
    auto first = body.find_first_not_of('\n');
    m_out += "|";
    if (first != std::string::npos && body[first] == ' ') m_out += "2";
    m_out += trailing == 0 ? "-" : trailing == 1 ? "" : "+";
    std::string pad(static_cast<std::size_t>(col), ' ');
    std::string_view rest = body;
    while (true) {
      auto nl = rest.find('\n');
      auto line = rest.substr(0, nl);
      m_out += "\n";
      if (!line.empty()) m_out += pad + std::string(line);
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
    for (std::size_t i = 1; i < trailing; ++i) m_out += "\n";
  }

 private:
  static std::string escape_pointer(const std::string& key) {
    std::string out;
    for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
  }

  const Comments& m_comments;
  std::string m_out;
};

}  // namespace

std::string emit_yaml(const ojson& value, const Comments& comments) {
  Writer w(comments);
  w.comment("", 0);
  if (value.is_object() && !value.empty()) w.map(value, 0, "", false);
  else if (value.is_array() && !value.empty()) w.seq(value, 0, "");
  else {
    std::string out = w.take();
    Writer scalar_writer(comments);
    scalar_writer.scalar(value, 2);
    return out + scalar_writer.take() + "\n";
  }
  return w.take();
}

}  // namespace genops::core::yaml
