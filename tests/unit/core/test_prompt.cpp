#include <doctest/doctest.h>

#include "core/error.hpp"
#include "core/prompt/prompt_store.hpp"
#include "core/prompt/diff.hpp"
#include "core/prompt/prompt_spec.hpp"
#include "core/prompt/reference.hpp"
#include "core/prompt/render.hpp"
#include "core/prompt/template.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::core;
using namespace genops::core::prompt;

namespace {

std::string error_of(auto&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

const char* k_prompt = R"(version: 1
name: support-answer
inputs:
  question: {type: string}
  context:  {type: string, default: ""}
  n: {type: integer, default: 3}
model: {provider: local, temperature: 0.2}
messages:
  - role: system
    content: "Answer in {{n}} sentences."
  - role: user
    content: "{{#context}}Context: {{context}}\n{{/context}}Q: {{question}}"
)";

}  // namespace

TEST_CASE("prompt::scan_template: variables, sections and syntax errors") {
  auto vars = scan_template("{{a}} {{{b.c}}} {{#items}}{{text}}{{/items}} {{! note}} {{^d}}x{{/d}}");
  REQUIRE(vars.has_value());
  REQUIRE(vars->size() == 5);
  CHECK((*vars)[0].name == "a");
  CHECK((*vars)[1].root == "b");
  CHECK((*vars)[2].name == "items");
  CHECK((*vars)[3].name == "text");
  CHECK((*vars)[3].section_depth == 1);
  CHECK((*vars)[4].name == "d");
  CHECK(scan_template("{{=<% %>=}}<% x %>")->front().name == "x");
  CHECK(scan_template("{{a").error() == "unclosed tag \"{{\" at offset 0");
  CHECK(scan_template("{{#a}}x").error() == "section \"a\" is never closed");
  CHECK(scan_template("{{#a}}{{/b}}").error().find("does not close \"a\"") != std::string::npos);
}

namespace {
std::string nested_sections(int depth) {
  std::string text;
  for (int i = 0; i < depth; ++i) text += "{{#a}}";
  text += "x";
  for (int i = 0; i < depth; ++i) text += "{{/a}}";
  return text;
}
}  // namespace

TEST_CASE("prompt::scan_template: section nesting is bounded (issue 11 B4)") {
  SUBCASE("64 levels are accepted and render") {
    CHECK(scan_template(nested_sections(64)).has_value());
    CHECK(render_template(nested_sections(64), {{"a", true}}) == "x");
  }
  SUBCASE("10,000 levels are refused at the 65th opening tag") {
    auto text = nested_sections(10'000);
    CHECK(scan_template(text).error() == "sections nested deeper than 64 levels at offset 384");
    CHECK_THROWS_WITH_AS(render_template(text, {{"a", true}}),
                         "template error: sections nested deeper than 64 levels at offset 384", Error);
  }
  SUBCASE("inverted sections count too") {
    std::string text;
    for (int i = 0; i < 65; ++i) text += "{{^b}}";
    CHECK(scan_template(text).error() == "sections nested deeper than 64 levels at offset 384");
  }
}

TEST_CASE("prompt::render_template: no HTML escaping and no re-expansion") {
  nlohmann::json vars = {{"x", "{{api_key}} & <b> \"q\""}, {"api_key", "SECRET"}};
  CHECK(render_template("[{{x}}]", vars) == "[{{api_key}} & <b> \"q\"]");
  std::string braces(10'000, '{');
  CHECK(render_template("{{x}}", {{"x", braces}}) == braces);
  CHECK(render_template("{{#items}}<{{t}}>{{/items}}", {{"items", {{{"t", "a"}}, {{"t", "b"}}}}}) == "<a><b>");
  CHECK(render_template("{{a.b}}", {{"a", {{"b", 1.5}}}}) == "1.5");
}

TEST_CASE("prompt::load_prompt_file and render_prompt") {
  genops::test::TempDir dir;
  auto path = dir.write("p.yaml", k_prompt).string();
  auto spec = load_prompt_file(path);
  CHECK(spec.name == "support-answer");
  REQUIRE(spec.inputs.size() == 3);
  CHECK(spec.inputs[2].default_value == nlohmann::json(3));
  CHECK(spec.model["temperature"] == 0.2);

  SUBCASE("defaults, types and sections") {
    auto r = render_prompt(spec, {{"question", "Why?"}, {"n", "2"}}, "support-answer@1");
    CHECK(r.messages[0].content == "Answer in 2 sentences.");
    CHECK(r.messages[1].content == "Q: Why?");
    CHECK(r.vars["n"] == 2);
    auto with_context = render_prompt(spec, {{"question", "Why?"}, {"context", "docs"}}, "x");
    CHECK(with_context.messages[1].content == "Context: docs\nQ: Why?");
  }
  SUBCASE("missing, undeclared and mistyped variables") {
    CHECK(error_of([&] { render_prompt(spec, nlohmann::json::object(), "support-answer@1"); }) ==
          "support-answer@1: missing required variable \"question\"");
    CHECK(error_of([&] { render_prompt(spec, {{"question", "q"}, {"questoin", "q"}}, "r"); }) ==
          "r: variable \"questoin\" is not declared by the prompt");
    CHECK(error_of([&] { render_prompt(spec, {{"question", "q"}, {"n", "three"}}, "r"); }) ==
          "r: variable \"n\": expected integer, got \"three\"");
  }
  SUBCASE("the hash covers behaviour, not the description") {
    auto h = content_hash(spec);
    auto described = spec;
    described.description = "other words";
    CHECK(content_hash(described) == h);
    auto warmer = spec;
    warmer.model["temperature"] = 0.3;
    CHECK(content_hash(warmer) != h);
    CHECK(content_hash(from_json(to_json(spec))) == h);
  }
}

TEST_CASE("prompt::parse_prompt_ref") {
  CHECK(parse_prompt_ref("a").kind == PromptRef::Kind::latest);
  CHECK(parse_prompt_ref("a@3").number == 3);
  CHECK(parse_prompt_ref("a@production").value == "production");
  CHECK(parse_prompt_ref("a@sha:ABCD12").value == "abcd12");
  CHECK(error_of([] { parse_prompt_ref("@3"); }) == "prompt reference \"@3\" has no name");
  CHECK(error_of([] { parse_prompt_ref("a@0"); }) == "prompt reference \"a@0\": versions are numbered from 1");
  CHECK(error_of([] { parse_prompt_ref("a@sha:xyz"); }).find("at least 4 hex digits") != std::string::npos);
}

TEST_CASE("prompt::resolve_prompt_ref: ambiguous hash prefixes and did-you-mean") {
  genops::test::TempDir dir;
  lineage::Store store(dir.path() / "s.db");
  PromptStore prompts(store);
  prompts.add_version({"p", "abcd0001", "{}", "", "", "", "t"});
  prompts.add_version({"p", "abcd0002", "{}", "", "", "", "t"});
  CHECK(resolve_prompt_ref(prompts, parse_prompt_ref("p@sha:abcd0002")).number == 2);
  try {
    resolve_prompt_ref(prompts, parse_prompt_ref("p@sha:abcd"));
    FAIL("expected ambiguity");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "p@sha:abcd: hash prefix is ambiguous, 2 versions match");
    CHECK(e.hints().front().find("p@1 (sha:abcd0001)") != std::string::npos);
  }
  try {
    resolve_prompt_ref(prompts, parse_prompt_ref("q@1"));
    FAIL("expected unknown");
  } catch (const Error& e) {
    CHECK(e.hints().front() == "did you mean \"p\"?");
  }
}

TEST_CASE("prompt::diff_prompts") {
  PromptSpec a;
  a.messages = {{"system", "one\ntwo\nthree"}};
  a.model = {{"temperature", 0.2}, {"provider", "x"}};
  a.inputs = {{"q", "string", std::nullopt, ""}};
  auto b = a;
  b.messages[0].content = "one\n2\nthree";
  b.model.erase("provider");
  b.model["max_tokens"] = 10;
  b.inputs.push_back({"c", "string", nlohmann::json(""), ""});
  auto d = diff_prompts(a, b);
  REQUIRE(d.hunks.size() == 1);
  std::string ops;
  for (const auto& l : d.hunks[0].lines) ops += l.op;
  CHECK(ops == "  -+ ");
  REQUIRE(d.model.size() == 2);
  CHECK(d.model[0].path == "max_tokens");
  CHECK_FALSE(d.model[0].before.has_value());
  CHECK(d.model[1].path == "provider");
  CHECK_FALSE(d.model[1].after.has_value());
  REQUIRE(d.inputs.size() == 2);
  CHECK(d.inputs[0].path == "c.default");
  CHECK(diff_prompts(a, a).identical());
}
