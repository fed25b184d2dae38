#include <doctest/doctest.h>

#include "chains/graph.hpp"
#include "tests/unit/chains/chain_test_helpers.hpp"

using namespace genops;
using genops::test::error_of;

namespace {

const char* k_good = R"(version: 1
name: support
inputs:
  question: {type: string}
steps:
  - id: intent
    kind: llm
    messages: [{role: user, content: "Classify: {{inputs.question}}"}]
    output: {format: json, schema: {type: object, required: [intent], properties: {intent: {type: string}}}}
  - id: answer
    kind: llm
    when: "steps.intent.output.intent != 'smalltalk'"
    provider: other
    messages: [{role: user, content: "{{inputs.question}}"}]
  - id: final
    kind: transform
    template: "{{steps.answer.output}} [{{steps.intent.output.intent}}]"
outputs:
  answer: "{{steps.final.output}}"
)";

// Loads `text` and returns the error message, without the temp dir's path.
std::string load_error(const std::string& text) {
  test::TempDir dir;
  auto message = error_of([&] { test::load_text(dir, text); });
  auto at = message.find("chain.yaml:");
  return at == std::string::npos ? message : message.substr(at);
}

std::string with_steps(const std::string& steps) {
  return "version: 1\nname: c\ninputs:\n  question: {type: string}\nsteps:\n" + steps;
}

}  // namespace

TEST_CASE("chains::load_chain: a good chain") {
  test::TempDir dir;
  auto set = test::load_text(dir, k_good);
  const auto& c = set->root();
  CHECK(c.name == "support");
  CHECK(c.version.size() == 64);
  REQUIRE(c.steps.size() == 3);
  CHECK(c.steps[0].depends_on.empty());
  CHECK(c.steps[1].depends_on == std::vector<std::size_t>{0});
  CHECK(c.steps[2].depends_on == std::vector<std::size_t>{0, 1});
  CHECK(set->providers() == std::vector<std::string>{"local", "other"});
  CHECK(chains::render_graph(c, chains::GraphFormat::mermaid).find("intent -. when .-> answer") != std::string::npos);
  CHECK(chains::render_graph(c, chains::GraphFormat::mermaid).find("intent --> answer") == std::string::npos);
  CHECK(chains::render_graph(c, chains::GraphFormat::dot).find("\"intent\" -> \"answer\" [style=dashed, label=\"when\"];") != std::string::npos);
  // The same content has the same version; any change makes another.
  auto again = test::load_text(dir, k_good, "copy.yaml");
  CHECK(again->root().version == c.version);
  auto changed = test::load_text(dir, std::string(k_good) + "limits: {max_steps: 5}\n", "changed.yaml");
  CHECK(changed->root().version != c.version);
  CHECK(changed->root().limits.max_steps == 5);
}

TEST_CASE("chains::load_chain: located errors") {
  SUBCASE("unknown top-level key") {
    CHECK(load_error("version: 1\nname: c\nstep: []\n") == "chain.yaml:3:1: step: unknown key \"step\"");
  }
  SUBCASE("unknown step kind") {
    CHECK(load_error(with_steps("  - {id: a, kind: lmm, messages: [{role: user, content: x}]}\n")) ==
          "chain.yaml:6:19: steps[0].kind: unknown step kind \"lmm\"");
  }
  SUBCASE("unknown key in a step") {
    CHECK(load_error(with_steps("  - {id: a, kind: transform, templat: x}\n")) ==
          "chain.yaml:6:30: steps[0].templat: unknown key \"templat\"");
  }
  SUBCASE("duplicate id") {
    CHECK(load_error(with_steps("  - {id: a, kind: transform, template: x}\n  - {id: a, kind: transform, template: y}\n")) ==
          "chain.yaml:7:10: steps[1].id: duplicate step id \"a\" (first used at line 6)");
  }
  SUBCASE("unknown step in a template, pointing into the string") {
    CHECK(load_error(with_steps("  - {id: a, kind: transform, template: x}\n  - {id: b, kind: transform, template: \"v={{steps.aa.output}}\"}\n")) ==
          "chain.yaml:7:45: steps[1].template: unknown step \"aa\"");
  }
  SUBCASE("unknown input in a when expression") {
    CHECK(load_error(with_steps("  - id: a\n    kind: transform\n    when: \"inputs.questoin == 'x'\"\n    template: x\n")) ==
          "chain.yaml:8:12: steps[0].when: unknown input \"questoin\"");
  }
  SUBCASE("expression syntax error") {
    CHECK(load_error(with_steps("  - id: a\n    kind: transform\n    when: inputs.question = 'x'\n    template: x\n")) ==
          "chain.yaml:8:27: steps[0].when: unexpected \"=\"; compare with `==`");
  }
  SUBCASE("cycle") {
    CHECK(load_error(with_steps("  - {id: a, kind: transform, template: \"{{steps.c.output}}\"}\n"
                                "  - {id: b, kind: transform, template: \"{{steps.a.output}}\"}\n"
                                "  - {id: c, kind: transform, template: \"{{steps.b.output}}\"}\n")) ==
          "chain.yaml:6:10: steps[0].id: steps form a cycle: a -> b -> c -> a");
  }
  SUBCASE("a step reading itself") {
    CHECK(load_error(with_steps("  - {id: a, kind: transform, template: \"{{steps.a.output}}\"}\n")) ==
          "chain.yaml:6:43: steps[0].template: step \"a\" reads its own output");
  }
  SUBCASE("unknown provider") {
    CHECK(load_error(with_steps("  - {id: a, kind: llm, provider: loacl, messages: [{role: user, content: x}]}\n")) ==
          "chain.yaml:6:34: steps[0].provider: unknown provider \"loacl\" (not configured in genops.yaml)");
  }
  SUBCASE("bad schema type") {
    CHECK(load_error(with_steps("  - id: a\n    kind: llm\n    messages: [{role: user, content: x}]\n"
                                "    output: {format: json, schema: {type: obj}}\n")) ==
          "chain.yaml:9:43: steps[0].output.schema.type: unknown type \"obj\" (expected one of: string, number, integer, boolean, object, array, null)");
  }
  SUBCASE("map over something that is not one reference") {
    CHECK(load_error(with_steps("  - id: m\n    kind: map\n    over: \"x {{inputs.question}}\"\n"
                                "    step: {kind: transform, template: \"{{item}}\"}\n")) ==
          "chain.yaml:8:11: steps[0].over: expected one reference to a list, like \"{{steps.split.output}}\"");
  }
  SUBCASE("loop without a bound") {
    CHECK(load_error(with_steps("  - id: l\n    kind: loop\n    step: {kind: transform, template: x}\n")) ==
          "chain.yaml:6:5: steps[0]: missing required field \"max_iterations\"");
  }
  SUBCASE("item outside a map") {
    CHECK(load_error(with_steps("  - {id: a, kind: transform, template: \"{{item}}\"}\n")) ==
          "chain.yaml:6:43: steps[0].template: unknown variable \"item\"");
  }
  SUBCASE("missing prompt file") {
    CHECK(load_error(with_steps("  - {id: a, kind: llm, prompt: prompts/nope.yaml}\n")).find(
              "chain.yaml:6:32: steps[0].prompt: prompt file \"prompts/nope.yaml\" not found") == 0);
  }
}

TEST_CASE("chains::load_chain: prompt files bind their variables") {
  test::TempDir dir;
  dir.write("prompts/p.yaml", "version: 1\nname: p\ninputs:\n  q: {type: string}\ntemplate: \"Q: {{q}}\"\n");
  auto set = test::load_text(dir, with_steps("  - {id: a, kind: llm, prompt: prompts/p.yaml, vars: {q: \"{{inputs.question}}\"}}\n"));
  CHECK(set->prompt_refs().front().find("p (") == 0);
  auto missing = error_of([&] { test::load_text(dir, with_steps("  - {id: a, kind: llm, prompt: prompts/p.yaml}\n"), "m.yaml"); });
  CHECK(missing.find("steps[0].prompt: prompt p (") != std::string::npos);
  CHECK(missing.find("requires variable \"q\"") != std::string::npos);
  auto undeclared = error_of([&] {
    test::load_text(dir, with_steps("  - {id: a, kind: llm, prompt: prompts/p.yaml, vars: {q: x, z: y}}\n"), "u.yaml");
  });
  CHECK(undeclared.find("steps[0].vars.z: variable \"z\" is not declared by prompt p") != std::string::npos);
}

TEST_CASE("chains::load_chain: every truncation of a valid file loads or fails cleanly") {
  std::string text = k_good;
  for (std::size_t n = 0; n < text.size(); n += 7) {
    test::TempDir dir;
    auto message = error_of([&] { test::load_text(dir, text.substr(0, n)); });
    CHECK((message == "(no error)" || message.find("chain.yaml") != std::string::npos));
  }
}
