// Recursive descent over the tokens; precedence, lowest first:
//   or  <  and  <  not  <  comparison (== != < <= > >= contains matches)  <  primary
#include <charconv>

#include "chains/expr/expression.hpp"
#include "core/regex.hpp"

namespace genops::chains::expr {

namespace {

struct Failure {
  SyntaxError error;
};

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

  std::unique_ptr<Node> parse() {
    auto node = parse_or(0);
    if (peek().kind != Token::Kind::end) fail("unexpected " + describe(peek()), peek().offset);
    return node;
  }

 private:
  const Token& peek() const { return m_tokens[m_pos]; }
  const Token& take() { return m_tokens[m_pos++]; }
  bool at_keyword(std::string_view word) const {
    return peek().kind == Token::Kind::keyword && peek().text == word;
  }
  [[noreturn]] static void fail(std::string message, std::size_t offset, std::vector<std::string> hints = {}) {
    throw Failure{{std::move(message), offset, std::move(hints)}};
  }

  static std::string describe(const Token& t) {
    switch (t.kind) {
      case Token::Kind::end: return "end of expression";
      case Token::Kind::string: return "string '" + t.text + "'";
      default: return "\"" + t.text + "\"";
    }
  }

  static std::unique_ptr<Node> binary(Op op, std::unique_ptr<Node> lhs, std::unique_ptr<Node> rhs, std::size_t offset) {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::binary;
    node->op = op;
    node->offset = offset;
    node->lhs = std::move(lhs);
    node->rhs = std::move(rhs);
    return node;
  }

  void check_depth(int depth) const {
    if (depth > k_max_expression_depth)
      fail("expression nested deeper than " + std::to_string(k_max_expression_depth) + " levels", peek().offset);
  }

  std::unique_ptr<Node> parse_or(int depth) {
    auto lhs = parse_and(depth);
    while (at_keyword("or")) {
      auto offset = take().offset;
      lhs = binary(Op::or_, std::move(lhs), parse_and(depth), offset);
    }
    return lhs;
  }

  std::unique_ptr<Node> parse_and(int depth) {
    auto lhs = parse_not(depth);
    while (at_keyword("and")) {
      auto offset = take().offset;
      lhs = binary(Op::and_, std::move(lhs), parse_not(depth), offset);
    }
    return lhs;
  }

  std::unique_ptr<Node> parse_not(int depth) {
    check_depth(depth);
    if (!at_keyword("not")) return parse_comparison(depth);
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::unary;
    node->op = Op::not_;
    node->offset = take().offset;
    node->lhs = parse_not(depth + 1);
    return node;
  }

  std::optional<Op> comparison_op() const {
    const Token& t = peek();
    if (t.kind == Token::Kind::op) {
      if (t.text == "==") return Op::eq;
      if (t.text == "!=") return Op::ne;
      if (t.text == "<") return Op::lt;
      if (t.text == "<=") return Op::le;
      if (t.text == ">") return Op::gt;
      if (t.text == ">=") return Op::ge;
    }
    if (at_keyword("contains")) return Op::contains;
    if (at_keyword("matches")) return Op::matches;
    return std::nullopt;
  }

  std::unique_ptr<Node> parse_comparison(int depth) {
    auto lhs = parse_primary(depth);
    auto op = comparison_op();
    if (!op) return lhs;
    auto offset = take().offset;
    auto rhs = parse_primary(depth);
    auto node = binary(*op, std::move(lhs), std::move(rhs), offset);
    if (*op == Op::matches) compile_pattern(*node);
    if (comparison_op()) fail("comparisons do not chain; join them with `and`", peek().offset);
    return node;
  }

  static void compile_pattern(Node& node) {
    const Node& pattern = *node.rhs;
    if (pattern.kind != Node::Kind::literal || !pattern.value.is_string())
      fail("`matches` needs a quoted regular expression on its right", pattern.offset);
    const auto& text = pattern.value.get_ref<const std::string&>();
    if (text.size() > k_max_pattern_bytes)
      fail("pattern is " + std::to_string(text.size()) + " bytes, over the limit of " +
               std::to_string(k_max_pattern_bytes), pattern.offset);
    auto compiled = core::Regex::compile(text);
    if (!compiled) fail("invalid regular expression: " + compiled.error(), pattern.offset, {core::k_regex_syntax_hint});
    node.regex = std::move(*compiled);
  }

  std::unique_ptr<Node> parse_primary(int depth) {
    const Token& t = peek();
    auto node = std::make_unique<Node>();
    node->offset = t.offset;
    switch (t.kind) {
      case Token::Kind::lparen: {
        take();
        check_depth(depth + 1);
        auto inner = parse_or(depth + 1);
        if (peek().kind != Token::Kind::rparen) fail("expected \")\", got " + describe(peek()), peek().offset);
        take();
        return inner;
      }
      case Token::Kind::string: node->value = take().text; return node;
      case Token::Kind::number: node->value = parse_number(take()); return node;
      case Token::Kind::path:
        node->kind = Node::Kind::path;
        node->path = take().text;
        return node;
      case Token::Kind::keyword:
        if (t.text == "true" || t.text == "false" || t.text == "null") {
          node->value = t.text == "null" ? nlohmann::json() : nlohmann::json(t.text == "true");
          take();
          return node;
        }
        [[fallthrough]];
      default: fail("expected a value, got " + describe(t), t.offset);
    }
  }

  static nlohmann::json parse_number(const Token& t) {
    if (t.text.find('.') == std::string::npos) {
      long long v = 0;
      auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
      if (ec == std::errc() && ptr == t.text.data() + t.text.size()) return v;
    }
    return std::stod(t.text);
  }

  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
};

void collect(const Node* node, std::vector<const Reference*>& out) {
  if (!node) return;
  if (node->kind == Node::Kind::path && node->ref) out.push_back(&*node->ref);
  collect(node->lhs.get(), out);
  collect(node->rhs.get(), out);
}

std::optional<ExprBindError> bind_node(Node* node, const ScopeShape& shape) {
  if (!node) return std::nullopt;
  if (node->kind == Node::Kind::path) {
    auto bound = bind_reference(node->path, shape);
    if (auto* error = std::get_if<BindError>(&bound)) return ExprBindError{std::move(*error), node->offset};
    node->ref = std::get<Reference>(std::move(bound));
    return std::nullopt;
  }
  if (auto e = bind_node(node->lhs.get(), shape)) return e;
  return bind_node(node->rhs.get(), shape);
}

}  // namespace

std::variant<Expression, SyntaxError> parse_expression(std::string_view text) {
  auto tokens = tokenize(text);
  if (auto* error = std::get_if<SyntaxError>(&tokens)) return *error;
  auto& list = std::get<std::vector<Token>>(tokens);
  if (list.size() == 1) return SyntaxError{"empty expression", 0};
  try {
    Parser parser(std::move(list));
    return Expression(std::string(text), std::shared_ptr<Node>(parser.parse()));
  } catch (const Failure& f) {
    return f.error;
  }
}

std::optional<ExprBindError> Expression::bind(const ScopeShape& shape) { return bind_node(m_root.get(), shape); }

std::vector<const Reference*> Expression::references() const {
  std::vector<const Reference*> out;
  collect(m_root.get(), out);
  return out;
}

}  // namespace genops::chains::expr
