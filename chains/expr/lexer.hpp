#pragma once
// Tokens of the `when` expression language (docs/chains.md): paths,
// string/number/boolean/null literals, comparison operators, parentheses
// and the words and, or, not, contains, matches.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace genops::chains::expr {

struct Token {
  enum class Kind { path, keyword, string, number, op, lparen, rparen, end };
  Kind kind = Kind::end;
  std::string text;         // the path, keyword, operator, number text, or the string's value
  std::size_t offset = 0;   // byte offset in the expression
};

// Where and why an expression could not be read.
struct SyntaxError {
  SyntaxError() = default;
  SyntaxError(std::string what, std::size_t at, std::vector<std::string> hint_lines = {})
      : message(std::move(what)), offset(at), hints(std::move(hint_lines)) {}
  std::string message;
  std::size_t offset = 0;
  std::vector<std::string> hints;  // "  hint:" lines, e.g. the regex dialect
};

inline constexpr std::size_t k_max_expression_bytes = 4096;

// The tokens of `text`, ending with Kind::end, or the first lexical error.
std::variant<std::vector<Token>, SyntaxError> tokenize(std::string_view text);

}  // namespace genops::chains::expr
