// migrate::promptfoo::translate_nunjucks: the Mustache subset, and every other construct located.
#include <doctest/doctest.h>

#include "migrate/promptfoo/nunjucks.hpp"

using namespace genops::migrate;
using namespace genops::migrate::promptfoo;

TEST_CASE("promptfoo::translate_nunjucks: variables and attribute access") {
  auto t = translate_nunjucks("Hi {{ name }}, {{user.city}} and {{ name }}{# note #}!");
  CHECK(t.text == "Hi {{name}}, {{user.city}} and {{name}}!");
  CHECK(t.variables == std::vector<std::string>{"name", "user"});
  CHECK(t.dotted == std::set<std::string>{"user"});
  CHECK(t.problems.empty());
}

TEST_CASE("promptfoo::translate_nunjucks: filters, tags and expressions are problems with line and column") {
  auto t = translate_nunjucks("first\n  {{ x | upper }} and {% if y %}y{% endif %}\n{{ items[0] }}");
  REQUIRE(t.problems.size() == 4);
  CHECK(t.problems[0].line == 2);
  CHECK(t.problems[0].column == 3);
  CHECK(t.problems[0].what == "Nunjucks filter `{{ x | upper }}`");
  CHECK(t.problems[1].what == "Nunjucks tag `{% if y %}`");
  CHECK(t.problems[1].column == 23);
  CHECK(t.problems[3].line == 3);
  CHECK(t.problems[3].what == "Nunjucks index expression `{{ items[0] }}`");
  CHECK(t.variables.empty());
}

TEST_CASE("promptfoo::translate_nunjucks: text without templates is unchanged") {
  auto t = translate_nunjucks("a { b } c {{");
  CHECK(t.text == "a { b } c {{");
  CHECK(t.problems.size() == 1);
}
