#include <doctest/doctest.h>

#include "chains/expr/expression.hpp"
#include "core/error.hpp"

using namespace genops::chains;
using namespace genops::chains::expr;

namespace {

ScopeShape shape() {
  ScopeShape s;
  s.inputs = {"question", "n"};
  s.steps = {"intent", "answer"};
  s.locals = {"item"};
  return s;
}

std::shared_ptr<const Scope> scope() {
  auto frame = std::make_shared<Frame>();
  frame->inputs = {{"question", "How do I get a refund?"}, {"n", 3}};
  frame->outputs = {nlohmann::json{{"intent", "billing"}, {"score", 0.9}, {"tags", {"a", "b"}}}, nullptr};
  return make_child_scope(make_root_scope(frame), {{"item", "x-42"}});
}

Expression parse(const std::string& text) {
  auto parsed = parse_expression(text);
  REQUIRE(std::holds_alternative<Expression>(parsed));
  auto e = std::get<Expression>(std::move(parsed));
  auto error = e.bind(shape());
  REQUIRE_MESSAGE(!error, (error ? error->error.message : ""));
  return e;
}

bool eval(const std::string& text) { return evaluate_condition(parse(text), *scope()); }

SyntaxError syntax_error(const std::string& text) {
  auto parsed = parse_expression(text);
  REQUIRE(std::holds_alternative<SyntaxError>(parsed));
  return std::get<SyntaxError>(parsed);
}

}  // namespace

TEST_CASE("chains::expr: comparisons, logic and paths") {
  CHECK(eval("steps.intent.output.intent != 'smalltalk'"));
  CHECK(eval("steps.intent.output.intent == \"billing\""));
  CHECK(eval("steps.intent.output.score >= 0.5 and inputs.n == 3"));
  CHECK(eval("inputs.n > 2.5"));
  CHECK_FALSE(eval("inputs.n < 3"));
  CHECK(eval("inputs.n <= 3 or false"));
  CHECK(eval("not (inputs.n == 4)"));
  CHECK(eval("not not true"));
  CHECK(eval("'abc' < 'abd'"));
  CHECK(eval("steps.answer.output == null"));
  CHECK_FALSE(eval("steps.answer.output"));
  CHECK(eval("steps.intent.output.missing == null"));
  CHECK(eval("steps.intent.output.tags.1 == 'b'"));
  CHECK(eval("item == 'x-42'"));
  CHECK(eval("inputs.n == 3.0"));
}

TEST_CASE("chains::expr: contains and matches") {
  CHECK(eval("inputs.question contains 'refund'"));
  CHECK_FALSE(eval("inputs.question contains 'Refund'"));
  CHECK(eval("steps.intent.output.tags contains 'a'"));
  CHECK(eval("steps.intent.output contains 'intent'"));
  CHECK_FALSE(eval("steps.answer.output contains 'x'"));
  CHECK(eval("inputs.question matches '^How .* refund\\\\?$'"));
  CHECK(eval("item matches '[a-z]-[0-9]+'"));
  CHECK_FALSE(eval("steps.answer.output matches 'x'"));
}

TEST_CASE("chains::expr: precedence: and binds tighter than or") {
  CHECK(eval("true or false and false"));
  CHECK_FALSE(eval("(true or false) and false"));
}

TEST_CASE("chains::expr: syntax errors name the offset") {
  SUBCASE("assignment") {
    auto e = syntax_error("inputs.n = 3");
    CHECK(e.message == "unexpected \"=\"; compare with `==`");
    CHECK(e.offset == 9);
  }
  SUBCASE("C operators") {
    CHECK(syntax_error("true && false").message == "unexpected \"&&\"; write `and`");
    CHECK(syntax_error("true || false").message == "unexpected \"||\"; write `or`");
    CHECK(syntax_error("!true").message == "unexpected \"!\"; write `not`");
  }
  SUBCASE("unterminated string") {
    auto e = syntax_error("inputs.question == 'abc");
    CHECK(e.message == "unterminated string");
    CHECK(e.offset == 19);
  }
  SUBCASE("missing operand") {
    auto e = syntax_error("inputs.n ==");
    CHECK(e.message == "expected a value, got end of expression");
    CHECK(e.offset == 11);
  }
  SUBCASE("chained comparison") { CHECK(syntax_error("1 < 2 < 3").message == "comparisons do not chain; join them with `and`"); }
  SUBCASE("trailing token") { CHECK(syntax_error("true false").message == "unexpected \"false\""); }
  SUBCASE("unbalanced parenthesis") { CHECK(syntax_error("(true").message == "expected \")\", got end of expression"); }
  SUBCASE("matches needs a literal") {
    CHECK(syntax_error("item matches inputs.question").message == "`matches` needs a quoted regular expression on its right");
  }
  SUBCASE("bad regex: RE2's message, the dialect in a hint") {
    auto error = syntax_error("item matches '('");
    CHECK(error.message == "invalid regular expression: missing ): (");
    CHECK(error.offset == 13);
    CHECK(error.hints == std::vector<std::string>{genops::core::k_regex_syntax_hint});
    CHECK(syntax_error("item matches '(a)\\\\1'").message == "invalid regular expression: invalid escape sequence: \\1");
  }
  SUBCASE("empty") { CHECK(syntax_error("  ").message == "empty expression"); }
  SUBCASE("too deep") {
    std::string deep(40, '(');
    CHECK(syntax_error(deep + "true" + std::string(40, ')')).message == "expression nested deeper than 32 levels");
  }
  SUBCASE("too long") { CHECK(syntax_error(std::string(5000, 'a')).message.find("over the limit of 4096") != std::string::npos); }
  SUBCASE("pattern too long") {
    CHECK(syntax_error("item matches '" + std::string(1001, 'a') + "'").message.find("over the limit of 1000") != std::string::npos);
  }
}

TEST_CASE("chains::expr: binding errors name the path, with did-you-mean") {
  auto bind = [](const std::string& text) {
    auto e = std::get<Expression>(parse_expression(text));
    auto error = e.bind(shape());
    REQUIRE(error);
    return *error;
  };
  auto e = bind("steps.intnet.output.intent == 'x'");
  CHECK(e.error.message == "unknown step \"intnet\"");
  CHECK(e.error.hints == std::vector<std::string>{"did you mean \"intent\"?"});
  CHECK(e.offset == 0);
  CHECK(bind("true and inputs.questoin").error.message == "unknown input \"questoin\"");
  CHECK(bind("true and inputs.questoin").offset == 9);
  CHECK(bind("steps.intent.result").error.message == "expected steps.intent.output, got steps.intent.result");
  CHECK(bind("foo == 1").error.message == "unknown variable \"foo\"");
}

TEST_CASE("chains::expr: type errors at run time") {
  auto error_of = [](const std::string& text) -> std::string {
    try {
      evaluate(parse(text), *scope());
    } catch (const genops::core::Error& e) {
      return e.what();
    }
    return "(no error)";
  };
  CHECK(error_of("inputs.question > 3") == "expression \"inputs.question > 3\": cannot compare a string with a number using >");
  CHECK(error_of("inputs.n contains 'x'") ==
        "expression \"inputs.n contains 'x'\": `contains` needs a string, list or object on its left, got a number");
  CHECK(error_of("inputs.n matches 'x'") == "expression \"inputs.n matches 'x'\": `matches` needs a string on its left, got a number");
}

TEST_CASE("chains::expr: matches takes texts of any length, in linear time (RE2)") {
  auto frame = std::make_shared<Frame>();
  frame->inputs = {{"question", std::string(100 * 1024, 'a')}, {"n", 1}};
  auto s = make_root_scope(frame);
  CHECK(evaluate_condition(parse("inputs.question matches '^a*$'"), *s));
  CHECK(evaluate_condition(parse("inputs.question matches '(a|b)*'"), *s));
  CHECK_FALSE(evaluate_condition(parse("inputs.question matches 'a+b'"), *s));
  // 29 characters took std::regex 26 s of backtracking.
  frame->inputs["question"] = std::string(28, 'a') + "!";
  CHECK_FALSE(evaluate_condition(parse("inputs.question matches '(a+)+$'"), *s));
  CHECK(evaluate_condition(parse("inputs.question matches '(?i)A+!'"), *s));
}

TEST_CASE("chains::expr: truthiness") {
  CHECK_FALSE(truthy(nullptr));
  CHECK_FALSE(truthy(false));
  CHECK_FALSE(truthy(0));
  CHECK_FALSE(truthy(""));
  CHECK_FALSE(truthy(nlohmann::json::array()));
  CHECK_FALSE(truthy(nlohmann::json::object()));
  CHECK(truthy("x"));
  CHECK(truthy(0.1));
  CHECK(truthy(nlohmann::json::array({1})));
}
