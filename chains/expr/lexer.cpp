#include "chains/expr/lexer.hpp"

#include <array>
#include <optional>

namespace genops::chains::expr {

namespace {

constexpr std::array<std::string_view, 8> k_keywords = {"and", "or", "not", "contains",
                                                        "matches", "true", "false", "null"};

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c) || c == '-'; }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : m_text(text) {}

  std::variant<std::vector<Token>, SyntaxError> run() {
    while (true) {
      while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n'))
        ++m_pos;
      if (m_pos >= m_text.size()) break;
      if (auto error = next()) return *error;
    }
    m_tokens.push_back({Token::Kind::end, "", m_text.size()});
    return std::move(m_tokens);
  }

 private:
  std::optional<SyntaxError> next() {
    char c = m_text[m_pos];
    if (is_ident_start(c)) return path();
    if (is_digit(c) || (c == '-' && m_pos + 1 < m_text.size() && is_digit(m_text[m_pos + 1]))) return number();
    if (c == '\'' || c == '"') return string(c);
    if (c == '(' || c == ')') {
      m_tokens.push_back({c == '(' ? Token::Kind::lparen : Token::Kind::rparen, std::string(1, c), m_pos++});
      return std::nullopt;
    }
    return op();
  }

  std::optional<SyntaxError> path() {
    std::size_t start = m_pos;
    while (true) {
      while (m_pos < m_text.size() && is_ident_char(m_text[m_pos])) ++m_pos;
      if (m_pos < m_text.size() && m_text[m_pos] == '.') {
        ++m_pos;
        if (m_pos >= m_text.size() || !is_ident_char(m_text[m_pos]))
          return SyntaxError{"expected a name after \".\"", m_pos};
        continue;
      }
      break;
    }
    std::string word(m_text.substr(start, m_pos - start));
    bool keyword = false;
    for (auto k : k_keywords) keyword = keyword || k == word;
    m_tokens.push_back({keyword ? Token::Kind::keyword : Token::Kind::path, word, start});
    return std::nullopt;
  }

  std::optional<SyntaxError> number() {
    std::size_t start = m_pos;
    if (m_text[m_pos] == '-') ++m_pos;
    while (m_pos < m_text.size() && is_digit(m_text[m_pos])) ++m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] == '.') {
      ++m_pos;
      if (m_pos >= m_text.size() || !is_digit(m_text[m_pos])) return SyntaxError{"expected digits after \".\"", m_pos};
      while (m_pos < m_text.size() && is_digit(m_text[m_pos])) ++m_pos;
    }
    if (m_pos < m_text.size() && is_ident_start(m_text[m_pos]))
      return SyntaxError{"unexpected character after a number", m_pos};
    m_tokens.push_back({Token::Kind::number, std::string(m_text.substr(start, m_pos - start)), start});
    return std::nullopt;
  }

  std::optional<SyntaxError> string(char quote) {
    std::size_t start = m_pos++;
    std::string value;
    while (m_pos < m_text.size() && m_text[m_pos] != quote) {
      char c = m_text[m_pos++];
      if (c == '\\') {
        if (m_pos >= m_text.size()) break;
        char e = m_text[m_pos++];
        if (e == 'n') value += '\n';
        else if (e == 't') value += '\t';
        else if (e == '\\' || e == '\'' || e == '"') value += e;
        else return SyntaxError{std::string("unknown escape \\") + e, m_pos - 2};
        continue;
      }
      value += c;
    }
    if (m_pos >= m_text.size()) return SyntaxError{"unterminated string", start};
    ++m_pos;
    m_tokens.push_back({Token::Kind::string, std::move(value), start});
    return std::nullopt;
  }

  std::optional<SyntaxError> op() {
    std::size_t start = m_pos;
    auto two = m_text.substr(m_pos, 2);
    for (std::string_view o : {"==", "!=", "<=", ">="}) {
      if (two == o) {
        m_pos += 2;
        m_tokens.push_back({Token::Kind::op, std::string(o), start});
        return std::nullopt;
      }
    }
    char c = m_text[m_pos];
    if (c == '<' || c == '>') {
      ++m_pos;
      m_tokens.push_back({Token::Kind::op, std::string(1, c), start});
      return std::nullopt;
    }
    if (two == "&&") return SyntaxError{"unexpected \"&&\"; write `and`", start};
    if (two == "||") return SyntaxError{"unexpected \"||\"; write `or`", start};
    if (c == '!') return SyntaxError{"unexpected \"!\"; write `not`", start};
    if (c == '=') return SyntaxError{"unexpected \"=\"; compare with `==`", start};
    std::string shown = (c > ' ' && c < 0x7f) ? std::string(1, c) : "character";
    return SyntaxError{"unexpected " + (shown.size() == 1 ? "\"" + shown + "\"" : shown), start};
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::vector<Token> m_tokens;
};

}  // namespace

std::variant<std::vector<Token>, SyntaxError> tokenize(std::string_view text) {
  if (text.size() > k_max_expression_bytes)
    return SyntaxError{"expression is " + std::to_string(text.size()) + " bytes, over the limit of " +
                           std::to_string(k_max_expression_bytes),
                       0};
  return Lexer(text).run();
}

}  // namespace genops::chains::expr
