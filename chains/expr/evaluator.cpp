#include <algorithm>

#include "chains/expr/expression.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"

namespace genops::chains::expr {

namespace {

std::string type_name(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "a list";
  return "an object";
}

std::string_view op_name(Op op) {
  switch (op) {
    case Op::lt: return "<";
    case Op::le: return "<=";
    case Op::gt: return ">";
    case Op::ge: return ">=";
    case Op::contains: return "contains";
    case Op::matches: return "matches";
    default: return "==";
  }
}

class Evaluator {
 public:
  Evaluator(const Expression& expr, const Scope& scope) : m_expr(expr), m_scope(scope) {}

  nlohmann::json eval(const Node& node) const {
    switch (node.kind) {
      case Node::Kind::literal: return node.value;
      case Node::Kind::path: {
        const nlohmann::json* v = node.ref ? resolve(*node.ref, m_scope) : nullptr;
        return v ? *v : nlohmann::json();
      }
      case Node::Kind::unary: return !truthy(eval(*node.lhs));
      case Node::Kind::binary: return binary(node);
    }
    return nullptr;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    core::fail_input("expression " + core::quote(m_expr.source(), 80) + ": " + what);
  }

  nlohmann::json binary(const Node& node) const {
    // and/or short-circuit and yield booleans.
    if (node.op == Op::and_) return truthy(eval(*node.lhs)) && truthy(eval(*node.rhs));
    if (node.op == Op::or_) return truthy(eval(*node.lhs)) || truthy(eval(*node.rhs));
    auto lhs = eval(*node.lhs);
    if (node.op == Op::matches) return matches(node, lhs);
    auto rhs = eval(*node.rhs);
    switch (node.op) {
      case Op::eq: return equal(lhs, rhs);
      case Op::ne: return !equal(lhs, rhs);
      case Op::contains: return contains(lhs, rhs);
      default: return order(node.op, lhs, rhs);
    }
  }

  static bool equal(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
    return a == b;
  }

  bool order(Op op, const nlohmann::json& a, const nlohmann::json& b) const {
    int cmp = 0;
    if (a.is_number() && b.is_number()) {
      double x = a.get<double>(), y = b.get<double>();
      cmp = x < y ? -1 : (x > y ? 1 : 0);
    } else if (a.is_string() && b.is_string()) {
      cmp = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
    } else {
      fail("cannot compare " + type_name(a) + " with " + type_name(b) + " using " + std::string(op_name(op)));
    }
    switch (op) {
      case Op::lt: return cmp < 0;
      case Op::le: return cmp <= 0;
      case Op::gt: return cmp > 0;
      default: return cmp >= 0;
    }
  }

  bool contains(const nlohmann::json& hay, const nlohmann::json& needle) const {
    if (hay.is_null()) return false;
    if (hay.is_string()) {
      if (!needle.is_string()) fail("a string can contain only a string, got " + type_name(needle));
      return hay.get_ref<const std::string&>().find(needle.get_ref<const std::string&>()) != std::string::npos;
    }
    if (hay.is_array()) return std::any_of(hay.begin(), hay.end(), [&](const auto& item) { return equal(item, needle); });
    if (hay.is_object()) {
      if (!needle.is_string()) fail("an object contains keys (strings), got " + type_name(needle));
      return hay.contains(needle.get<std::string>());
    }
    fail("`contains` needs a string, list or object on its left, got " + type_name(hay));
  }

  bool matches(const Node& node, const nlohmann::json& subject) const {
    if (subject.is_null()) return false;
    if (!subject.is_string()) fail("`matches` needs a string on its left, got " + type_name(subject));
    // RE2: linear in the text, so any length is safe and prompt.
    return node.regex->search(subject.get_ref<const std::string&>());
  }

  const Expression& m_expr;
  const Scope& m_scope;
};

}  // namespace

bool truthy(const nlohmann::json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0.0;
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  return !v.empty();
}

nlohmann::json evaluate(const Expression& expr, const Scope& scope) {
  if (!expr.root()) return nullptr;
  return Evaluator(expr, scope).eval(*expr.root());
}

bool evaluate_condition(const Expression& expr, const Scope& scope) { return truthy(evaluate(expr, scope)); }

}  // namespace genops::chains::expr
