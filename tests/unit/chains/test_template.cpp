#include <doctest/doctest.h>

#include "chains/template.hpp"

using namespace genops::chains;

namespace {

ScopeShape shape() {
  ScopeShape s;
  s.inputs = {"question"};
  s.steps = {"docs", "intent"};
  s.locals = {"item"};
  return s;
}

Template compile(const std::string& text) {
  auto t = compile_template(text, shape());
  REQUIRE_MESSAGE(std::holds_alternative<Template>(t), (std::holds_alternative<TemplateError>(t) ? std::get<TemplateError>(t).message : ""));
  return std::get<Template>(std::move(t));
}

std::shared_ptr<const Scope> scope() {
  auto frame = std::make_shared<Frame>();
  frame->inputs = {{"question", "How do I get a refund?"}};
  frame->outputs = {nlohmann::json::array({{{"source", "a.md"}, {"text", "Refunds take 14 days."}},
                                           {{"source", "b.md"}, {"text", "Keep the receipt."}}}),
                    nlohmann::json{{"intent", "billing"}, {"n", 2}, {"ok", true}}};
  return make_child_scope(make_root_scope(frame), {{"item", {{"title", "T"}}}});
}

}  // namespace

TEST_CASE("chains::compile_template: a whole reference yields the value itself") {
  auto t = compile("{{steps.docs.output}}");
  CHECK(t.is_whole_value());
  CHECK(t.render_value(*scope()).is_array());
  CHECK(t.render_value(*scope()).size() == 2);
  CHECK(compile("{{steps.intent.output.n}}").render_value(*scope()) == 2);
}

TEST_CASE("chains::compile_template: text renders objects as JSON and values verbatim") {
  CHECK(compile("Q: {{inputs.question}}").render_text(*scope()) == "Q: How do I get a refund?");
  CHECK(compile("{{steps.intent.output}}!").render_text(*scope()) == R"({"intent":"billing","n":2,"ok":true}!)");
  CHECK(compile("{{steps.intent.output.ok}}/{{steps.intent.output.n}}").render_text(*scope()) == "true/2");
  CHECK(compile("[{{steps.intent.output.missing}}]").render_text(*scope()) == "[]");
  CHECK(compile("{{item.title}}").render_text(*scope()) == "T");
  CHECK(compile("no tags").render_text(*scope()) == "no tags");
}

TEST_CASE("chains::compile_template: sections iterate lists; item fields need no declaration") {
  auto t = compile("{{#steps.docs.output}}- {{text}} ({{source}}) {{inputs.question}}\n{{/steps.docs.output}}");
  CHECK(t.render_text(*scope()) ==
        "- Refunds take 14 days. (a.md) How do I get a refund?\n- Keep the receipt. (b.md) How do I get a refund?\n");
  CHECK(compile("{{^steps.intent.output.missing}}none{{/steps.intent.output.missing}}").render_text(*scope()) == "none");
}

TEST_CASE("chains::compile_template: values are never re-expanded") {
  auto frame = std::make_shared<Frame>();
  frame->inputs = {{"question", "{{api_key}} {{#x}}y{{/x}}"}};
  frame->outputs = {nullptr, nullptr};
  auto s = make_root_scope(frame);
  CHECK(compile("A {{inputs.question}}").render_text(*s) == "A {{api_key}} {{#x}}y{{/x}}");
  CHECK(compile("{{#inputs.question}}[{{inputs.question}}]{{/inputs.question}}").render_text(*s) == "[{{api_key}} {{#x}}y{{/x}}]");
}

TEST_CASE("chains::compile_template: unknown references fail with an offset and hints") {
  auto error = [](const std::string& text) { return std::get<TemplateError>(compile_template(text, shape())); };
  auto e = error("Q: {{inputs.questoin}}");
  CHECK(e.message == "unknown input \"questoin\"");
  CHECK(e.offset == 5);
  CHECK(e.hints.front() == "did you mean \"question\"?");
  CHECK(error("{{steps.dcos.output}}").message == "unknown step \"dcos\"");
  CHECK(error("{{steps.dcos.output}}").hints == std::vector<std::string>{"did you mean \"docs\"?"});
  CHECK(error("{{ctx}}").message == "unknown variable \"ctx\"");
  CHECK(error("{{#steps.docs.output}}x").message.find("template error: section") == 0);
}
