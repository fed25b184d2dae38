#include "eval/skew/flat_json.hpp"

#include <charconv>

#include "core/utf8.hpp"

namespace genops::eval::skew {

namespace {

constexpr std::size_t k_max_fields = 64;  // beyond this, duplicate checks cost more than the DOM saves

class Scanner {
 public:
  Scanner(std::string_view line, std::string& scratch) : m_s(line), m_scratch(scratch) {}

  bool object(std::vector<FlatField>& fields) {
    ws();
    if (!eat('{')) return false;
    ws();
    if (eat('}')) return end();
    while (true) {
      FlatField f;
      if (!string(f.key)) return false;
      ws();
      if (!eat(':')) return false;
      ws();
      if (!value(f)) return false;
      fields.push_back(f);
      if (fields.size() > k_max_fields) return false;
      ws();
      if (eat('}')) return end();
      if (!eat(',')) return false;
      ws();
    }
  }

 private:
  bool end() {
    ws();
    return m_pos == m_s.size();
  }
  void ws() {
    while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\n' || m_s[m_pos] == '\r')) ++m_pos;
  }
  bool eat(char c) {
    if (m_pos < m_s.size() && m_s[m_pos] == c) {
      ++m_pos;
      return true;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (m_s.substr(m_pos, word.size()) != word) return false;
    m_pos += word.size();
    return true;
  }

  bool value(FlatField& f) {
    if (m_pos >= m_s.size()) return false;
    const std::size_t start = m_pos;
    switch (m_s[m_pos]) {
      case '"': f.type = FlatType::string; return string(f.value);
      case 't': f.type = FlatType::boolean; if (!literal("true")) return false; break;
      case 'f': f.type = FlatType::boolean; if (!literal("false")) return false; break;
      case 'n': f.type = FlatType::null; if (!literal("null")) return false; break;
      default: f.type = FlatType::number; if (!number()) return false; break;
    }
    f.value = m_s.substr(start, m_pos - start);
    return true;
  }

  bool digits() {
    const std::size_t start = m_pos;
    while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9') ++m_pos;
    return m_pos > start;
  }
  // RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  bool number() {
    eat('-');
    if (eat('0')) {
    } else if (m_pos < m_s.size() && m_s[m_pos] >= '1' && m_s[m_pos] <= '9') {
      digits();
    } else {
      return false;
    }
    if (eat('.') && !digits()) return false;
    if (m_pos < m_s.size() && (m_s[m_pos] == 'e' || m_s[m_pos] == 'E')) {
      ++m_pos;
      if (!eat('+')) eat('-');
      if (!digits()) return false;
    }
    return true;
  }

  bool hex4(std::uint32_t& out) {
    if (m_pos + 4 > m_s.size()) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = m_s[m_pos++];
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      out = out * 16 + static_cast<std::uint32_t>(d);
    }
    return true;
  }

  // A string token; `out` views the line when it has no escapes, else scratch.
  bool string(std::string_view& out) {
    if (!eat('"')) return false;
    const std::size_t start = m_pos;
    while (m_pos < m_s.size()) {
      const auto c = static_cast<unsigned char>(m_s[m_pos]);
      if (c == '"') {
        out = m_s.substr(start, m_pos - start);
        ++m_pos;
        return true;
      }
      if (c == '\\') return escaped(start, out);
      if (c < 0x20) return false;
      ++m_pos;
    }
    return false;
  }

  bool escaped(std::size_t start, std::string_view& out) {
    const std::size_t from = m_scratch.size();
    m_scratch.append(m_s.substr(start, m_pos - start));
    while (m_pos < m_s.size()) {
      const auto c = static_cast<unsigned char>(m_s[m_pos++]);
      if (c == '"') {
        out = std::string_view(m_scratch).substr(from);
        return true;
      }
      if (c < 0x20) return false;
      if (c != '\\') {
        m_scratch.push_back(static_cast<char>(c));
        continue;
      }
      if (m_pos >= m_s.size()) return false;
      switch (m_s[m_pos++]) {
        case '"': m_scratch.push_back('"'); break;
        case '\\': m_scratch.push_back('\\'); break;
        case '/': m_scratch.push_back('/'); break;
        case 'b': m_scratch.push_back('\b'); break;
        case 'f': m_scratch.push_back('\f'); break;
        case 'n': m_scratch.push_back('\n'); break;
        case 'r': m_scratch.push_back('\r'); break;
        case 't': m_scratch.push_back('\t'); break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate: nlohmann's error
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          core::utf8::append(m_scratch, static_cast<char32_t>(cp));
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  std::string_view m_s;
  std::size_t m_pos = 0;
  std::string& m_scratch;
};

}  // namespace

bool scan_flat_object(std::string_view line, std::vector<FlatField>& fields, std::string& scratch) {
  fields.clear();
  scratch.clear();
  scratch.reserve(line.size());  // unescaping never grows a string: the views into scratch stay put
  for (const char c : line)
    if (static_cast<unsigned char>(c) >= 0x80) {
      if (!core::utf8::is_valid(line)) return false;
      break;
    }
  if (!Scanner(line, scratch).object(fields)) return false;
  for (std::size_t i = 0; i < fields.size(); ++i)
    for (std::size_t j = i + 1; j < fields.size(); ++j)
      if (fields[i].key == fields[j].key) return false;
  return true;
}

nlohmann::json flat_value(const FlatField& field) {
  switch (field.type) {
    case FlatType::string: return std::string(field.value);
    case FlatType::null: return nullptr;
    case FlatType::boolean: return field.value == "true";
    case FlatType::number: break;
  }
  // Integers of up to 18 digits, as nlohmann stores them (unsigned when not negative).
  const std::string_view v = field.value;
  const bool negative = !v.empty() && v[0] == '-';
  if (v.size() <= 18 && v.find_first_of(".eE") == std::string_view::npos) {
    if (negative) {
      std::int64_t i = 0;
      if (std::from_chars(v.data(), v.data() + v.size(), i).ec == std::errc()) return i;
    } else {
      std::uint64_t u = 0;
      if (std::from_chars(v.data(), v.data() + v.size(), u).ec == std::errc()) return u;
    }
  }
  return nlohmann::json::parse(v);
}

}  // namespace genops::eval::skew
