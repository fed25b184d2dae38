#include <doctest/doctest.h>

#include "migrate/promptflow/jinja.hpp"

using namespace genops::migrate::promptflow;

TEST_CASE("promptflow::jinja_to_mustache: the subset that maps") {
  SUBCASE("variables and attribute access, with or without spaces") {
    auto r = jinja_to_mustache("Q: {{ question }} by {{user.name}}");
    CHECK(r.text == "Q: {{question}} by {{user.name}}");
    CHECK(r.roots == std::vector<std::string>{"question", "user"});
    CHECK(r.problems.empty());
  }
  SUBCASE("for over a list: the loop variable is the current item; trim_blocks drops the newline after a tag") {
    auto r = jinja_to_mustache("{% for ex in examples %}\n- {{ex.text}} ({{ ex }})\n{% endfor %}\nend");
    CHECK(r.text == "{{#examples}}- {{text}} ({{.}})\n{{/examples}}end");
    CHECK(r.list_roots == std::vector<std::string>{"examples"});
  }
  SUBCASE("if, if not, else; comments dropped; whitespace control") {
    CHECK(jinja_to_mustache("{% if a %}x{% else %}y{% endif %}").text == "{{#a}}x{{/a}}{{^a}}y{{/a}}");
    CHECK(jinja_to_mustache("{% if not a %}x{% endif %}").text == "{{^a}}x{{/a}}");
    CHECK(jinja_to_mustache("{# note #}\nHi").text == "Hi");
    CHECK(jinja_to_mustache("a   {%- if b -%}   c{% endif %}").text == "a{{#b}}c{{/b}}");
  }
  SUBCASE("a variable map: chain references and literals") {
    VarMap map = [](const std::string& root) -> VarTarget {
      if (root == "name") return {"inputs.name", std::nullopt};
      return {"", std::string("lit")};
    };
    CHECK(jinja_to_mustache("{{name}} {{other}}", map).text == "{{inputs.name}} lit");
  }
}

TEST_CASE("promptflow::jinja_to_mustache: anything else is a located problem") {
  auto r = jinja_to_mustache("ok\n  {{ x | upper }}\n{% set y = 1 %}{{ a + b }}{% for k, v in d.items() %}{% endfor %}");
  REQUIRE(r.problems.size() == 5);
  CHECK(r.problems[0].line == 2);
  CHECK(r.problems[0].column == 3);
  CHECK(r.problems[0].what == "Jinja2 filter `{{ x | upper }}`");
  CHECK(r.problems[1].what == "Jinja2 tag `{% set y = 1 %}`");
  CHECK(r.problems[1].line == 3);
  CHECK(r.problems[1].column == 1);
  CHECK(r.problems[2].what == "Jinja2 expression `{{ a + b }}`");
  CHECK(r.problems[3].what == "Jinja2 tag `{% for k, v in d.items() %}`");
  CHECK(r.problems[4].what == "Jinja2 tag `{% endfor %}`");
}

TEST_CASE("promptflow::split_roles: role blocks become messages") {
  bool inlined = false;
  SUBCASE("system, user, assistant") {
    auto blocks = split_roles("# system:\nBe brief.\n\n# user:\n{{q}}\n#assistant:\nok\n", inlined);
    REQUIRE(blocks.size() == 3);
    CHECK(blocks[0].role == "system");
    CHECK(blocks[0].content == "Be brief.");
    CHECK(blocks[1].role == "user");
    CHECK(blocks[1].content == "{{q}}");
    CHECK(blocks[2].role == "assistant");
    CHECK(!inlined);
  }
  SUBCASE("no role lines: one user message") {
    auto blocks = split_roles("Write about {{topic}}.\n", inlined);
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].role == "user");
  }
  SUBCASE("role lines inside a chat-history loop stay in the enclosing message") {
    auto text = jinja_to_mustache("# system:\nHelp.\n{% for t in chat_history %}\n# user:\n{{t.inputs.q}}\n# assistant:\n{{t.outputs.a}}\n{% endfor %}\n# user:\n{{q}}\n").text;
    auto blocks = split_roles(text, inlined);
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].content == "Help.\n{{#chat_history}}user:\n{{inputs.q}}\nassistant:\n{{outputs.a}}\n{{/chat_history}}");
    CHECK(blocks[1].content == "{{q}}");
    CHECK(inlined);
  }
}
