#pragma once
// A parsed `when`/`until` expression: a small tree of comparisons, and/or/not,
// contains and matches over literals and paths. Evaluating it never runs code:
// the only operations are the ones listed here, and regexes are RE2 (linear time).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "chains/expr/lexer.hpp"
#include "chains/reference.hpp"
#include "core/regex.hpp"

namespace genops::chains::expr {

enum class Op { or_, and_, not_, eq, ne, lt, le, gt, ge, contains, matches };

// The longest `matches` or `extract.regex` pattern (texts have no limit).
inline constexpr std::size_t k_max_pattern_bytes = 1000;
// Deepest nesting of parentheses and `not`.
inline constexpr int k_max_expression_depth = 32;

struct Node {
  enum class Kind { literal, path, unary, binary };
  Kind kind = Kind::literal;
  std::size_t offset = 0;
  nlohmann::json value;                // literal
  std::string path;                    // path, as written
  std::optional<Reference> ref;        // path, once bound
  Op op = Op::eq;                      // unary and binary
  std::unique_ptr<Node> lhs, rhs;      // unary uses lhs
  std::optional<core::Regex> regex;    // matches: compiled from the literal pattern
};

// A failure to bind one path, with its offset in the expression.
struct ExprBindError {
  BindError error;
  std::size_t offset = 0;
};

class Expression {
 public:
  Expression() = default;
  Expression(std::string source, std::shared_ptr<Node> root) : m_source(std::move(source)), m_root(std::move(root)) {}

  const std::string& source() const { return m_source; }
  const Node* root() const { return m_root.get(); }
  // Binds every path against `shape`; the first failure, or nullopt.
  std::optional<ExprBindError> bind(const ScopeShape& shape);
  // The bound references, in source order (for the step graph).
  std::vector<const Reference*> references() const;

 private:
  std::string m_source;
  std::shared_ptr<Node> m_root;
};

// Parses `text`; a syntax error names the byte offset where it was found.
std::variant<Expression, SyntaxError> parse_expression(std::string_view text);

// The value of `expr` in `scope`. Throws Error(invalid_input) naming the
// expression on a type error (ordering a string against a number, `matches`
// on a list).
nlohmann::json evaluate(const Expression& expr, const Scope& scope);
// evaluate() as a condition: null, false, 0, "", [] and {} are false.
bool evaluate_condition(const Expression& expr, const Scope& scope);
// Truthiness of a JSON value, as evaluate_condition sees it.
bool truthy(const nlohmann::json& value);

}  // namespace genops::chains::expr
