// core::yaml limits on hostile input: depth, aliases, node budget, truncation.
#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "core/strings.hpp"
#include "core/yaml/document.hpp"
#include "tests/unit/core/yaml_test_helpers.hpp"

using namespace genops::core::yaml;
using genops::test::error_from;
using genops::test::load_yaml;
using genops::test::what;
using genops::test::yaml_error;

namespace {

std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  out.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

// Maps nested by indentation: "k0:\n k1:\n  k2:\n" ... `levels` maps deep.
std::string block_maps(std::size_t levels) {
  std::string out;
  for (std::size_t i = 0; i < levels; ++i) out += std::string(i, ' ') + "k" + std::to_string(i) + ":\n";
  return out;
}

std::string billion_laughs() {
  std::string text = "a: &a [" + repeat("\"lol\",", 8) + "\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    text += std::string(1, c) + ": &" + c + " [" + repeat("*" + prev + ",", 8) + "*" + prev + "]\n";
  }
  return text;
}

const std::string k_too_deep = "nesting deeper than 64 levels (the limit)";

}  // namespace

TEST_CASE("yaml::Document: depth limit at the boundary, located") {
  SUBCASE("flow") {
    CHECK_NOTHROW(load_yaml("a: " + repeat("[", 63) + repeat("]", 63)));
    CHECK(what(yaml_error("a: " + repeat("[", 64) + repeat("]", 64))) == "t.yaml:1:67: " + k_too_deep);
    CHECK(what(yaml_error(repeat("{a: ", 65) + "1" + repeat("}", 65))) == "t.yaml:1:257: " + k_too_deep);
  }
  SUBCASE("block maps") {
    CHECK_NOTHROW(load_yaml(block_maps(64)));
    CHECK(what(yaml_error(block_maps(65))) == "t.yaml:65:65: " + k_too_deep);
  }
  SUBCASE("compact lists") {
    CHECK_NOTHROW(load_yaml(repeat("- ", 64) + "x"));
    CHECK(what(yaml_error(repeat("- ", 65) + "x")) == "t.yaml:1:129: " + k_too_deep);
  }
  SUBCASE("a list at the indentation of its key is a level too") {
    std::string text;
    for (std::size_t i = 0; i < 33; ++i) text += std::string(2 * i, ' ') + "k:\n" + std::string(2 * i, ' ') + "- \n";
    auto e = yaml_error(text);
    CHECK(what(e).find(k_too_deep) != std::string::npos);
  }
  SUBCASE("nesting through an alias is counted by the converter") {
    std::string inner = repeat("[", 40) + repeat("]", 40);
    auto e = yaml_error("a: &x " + inner + "\nb: " + repeat("[", 40) + "*x" + repeat("]", 40) + "\n");
    CHECK(what(e).find(": " + k_too_deep) != std::string::npos);
    CHECK(genops::core::starts_with(what(e), "t.yaml:1:"));  // the aliased node lives on line 1
  }
  SUBCASE("the limit is configurable") {
    Limits limits;
    limits.max_depth = 2;
    CHECK_NOTHROW(load_yaml("a: [1]\n", limits));
    CHECK(what(yaml_error("a: [[1]]\n", limits)) == "t.yaml:1:5: nesting deeper than 2 levels (the limit)");
  }
}

TEST_CASE("yaml::Document: 1,000 and 10,000 levels fail at the depth limit") {
  auto check_fast = [](std::string text, const std::string& expected, const Limits& limits = {}) {
    genops::core::Error e(genops::core::ErrorKind::internal, "");
    e = yaml_error(std::move(text), limits);
    CHECK(e.kind() == genops::core::ErrorKind::invalid_input);
    CHECK(what(e).find(expected) != std::string::npos);
    // Speed is the benchmarks' business; the message shows the limit stopped the walk.
  };
  for (std::size_t levels : {1'000u, 10'000u}) {
    CAPTURE(levels);
    check_fast(repeat("[", levels) + repeat("]", levels), "t.yaml:1:65: " + k_too_deep);
    check_fast(repeat("{a: ", levels) + repeat("}", levels), "t.yaml:1:257: " + k_too_deep);
    check_fast(repeat("- ", levels) + "x", "t.yaml:1:129: " + k_too_deep);
    check_fast(repeat("[", levels), "t.yaml:1:65: " + k_too_deep);  // never closed
  }
  check_fast(block_maps(1'000), "t.yaml:65:65: " + k_too_deep);
  auto deep_maps = block_maps(10'000);  // 50 MB of indentation
  check_fast(deep_maps, "t.yaml: file is " + std::to_string(deep_maps.size()) + " bytes, over the limit of 1048576 bytes");
  Limits no_size_limit;
  no_size_limit.max_bytes = std::size_t{1} << 30;
  check_fast(std::move(deep_maps), "t.yaml:65:65: " + k_too_deep, no_size_limit);
}

TEST_CASE("yaml::Document: brackets and quotes that are not nesting") {
  std::string text =
      "version: 1\n"
      "# a comment with [[[[ {{{{ brackets\n"
      "title: \"quoted [[[[ {{{{ and \\\" escaped\"\n"
      "single: 'it''s [[[['\n"
      "plain: text with [[[ and {{{ inside  # and a comment [[\n"
      "block: |\n"
      "  literal [[[[ {{{{\n"
      "    more [[[[\n"
      "folded: >-\n"
      "  folded {{{{ text\n"
      "multi: \"a multi-line\n"
      "  quoted [[[[ value\"\n"
      "steps:\n"
      "  - id: a\n"
      "    args: {x: \"[[\", y: '{{'}\n"
      "  - id: b\n"
      "    note: this continues\n"
      "      on a deeper line [[[[\n"
      "      and another\n"
      "  - [don't, \"[x]\", 'y]']\n"
      "url: http://example.com/a[1]\n";
  Limits limits;
  limits.max_depth = 4;  // the real depth: root, steps, steps[0], args
  auto doc = load_yaml(text, limits);
  const Node& root = doc->root();
  CHECK(root.at("single").as_string() == "it's [[[[");
  CHECK(root.at("block").as_string() == "literal [[[[ {{{{\n  more [[[[\n");
  CHECK(root.at("multi").as_string() == "a multi-line quoted [[[[ value");
  CHECK(root.at("steps").items()[1].at("note").as_string() == "this continues on a deeper line [[[[ and another");
  CHECK(root.at("steps").items()[2].items()[0].as_string() == "don't");
  CHECK(root.at("url").as_string() == "http://example.com/a[1]");
  limits.max_depth = 3;
  CHECK(what(yaml_error(text, limits)) == "t.yaml:15:11: nesting deeper than 3 levels (the limit)");
}

TEST_CASE("yaml::Document: aliases") {
  SUBCASE("a plain alias is copied, marked where its anchor is") {
    auto doc = load_yaml("base: &b {model: x, temperature: 0}\nother: *b\n");
    const Node& model = doc->root().at("other").at("model");
    CHECK(model.as_string() == "x");
    CHECK(model.path() == "other.model");
    CHECK(model.mark().line == 1);
  }
  SUBCASE("self-referencing aliases are a cycle") {
    auto e = yaml_error("&a [*a]\n");
    CHECK(what(e) == "t.yaml:1:5: [0]: alias cycle: this node contains itself through an alias");
    CHECK(e.context() == std::vector<std::string>{"    &a [*a]", "        ^"});
    CHECK(what(yaml_error("a: &a {b: *a}\n")) == "t.yaml:1:11: a.b: alias cycle: this node contains itself through an alias");
    CHECK(what(yaml_error("a: &a\n  - x\n  - [*a]\n")) ==
          "t.yaml:3:6: a[1][0]: alias cycle: this node contains itself through an alias");
    CHECK(what(yaml_error("x: &a {k: [1, {deep: *a}]}\n")) ==
          "t.yaml:1:22: x.k[1].deep: alias cycle: this node contains itself through an alias");
  }
  SUBCASE("billion laughs stops at the node budget") {
    auto text = billion_laughs();
    genops::core::Error e = genops::core::Error(genops::core::ErrorKind::internal, "");
    e = yaml_error(text);
    // a..e expand to 10, 91, 820, 7381 and 66430 nodes; the first *e in f passes 100,000.
    CHECK(what(e) == "t.yaml:6:8: f[0]: alias expansion exceeds 100000 nodes (the limit)");
  }
  SUBCASE("the expansion is counted exactly: at the budget loads, one over fails") {
    // root 1 + 2 keys + list a (1 + 3) + list b (1 + 2 copies of a, 4 each) = 16 nodes.
    std::string text = "a: &a [1, 2, 3]\nb: [*a, *a]\n";
    Limits limits;
    limits.max_nodes = 16;
    auto doc = load_yaml(text, limits);
    CHECK(doc->root().at("b").items()[1].items()[2].as_int() == 3);
    CHECK(doc->root().at("b").items()[1].items()[2].path() == "b[1][2]");
    limits.max_nodes = 15;
    CHECK(what(yaml_error(text, limits)) == "t.yaml:2:9: b[1]: alias expansion exceeds 15 nodes (the limit)");
  }
  SUBCASE("a '*' that is no alias does not change the message") {
    Limits limits;
    limits.max_nodes = 3;
    CHECK(what(yaml_error("a: \"*\"\nb: 1\n", limits)) == "t.yaml:2:1: document has more than 3 nodes (the limit)");
  }
  SUBCASE("a big document without aliases has its own message") {
    Limits limits;
    limits.max_nodes = 10;
    CHECK(what(yaml_error("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n", limits)) ==
          "t.yaml:1:29: [9]: document has more than 10 nodes (the limit)");
    CHECK_NOTHROW(load_yaml("[1, 2, 3, 4, 5, 6, 7, 8, 9]\n", limits));
  }
}

#if !defined(__SANITIZE_ADDRESS__)
TEST_CASE("yaml::Document: billion laughs stays under 100 MB") {
  auto text = billion_laughs();
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // In the child: report only through the exit status.
    try {
      load_yaml(text);
    } catch (const genops::core::Error&) {
      _exit(0);
    } catch (...) {
    }
    _exit(1);
  }
  int status = 0;
  struct rusage usage {};
  REQUIRE(wait4(child, &status, 0, &usage) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(usage.ru_maxrss < 100 * 1024);  // kilobytes
}
#endif

TEST_CASE("yaml::Document: every truncation loads or fails with core::Error") {
  const std::string text =
      "version: 1\n"
      "name: summarise\n"
      "description: \"Summarise a text — in one line\"\n"
      "defaults: &defaults\n"
      "  temperature: 0.2\n"
      "  max_tokens: 256\n"
      "inputs:\n"
      "  text: {type: string, required: true}\n"
      "  style: {type: string, default: 'plain'}\n"
      "template: |\n"
      "  Summarise the following text in {{style}} style:\n"
      "  {{text}}\n"
      "steps:\n"
      "  - id: draft\n"
      "    provider: openai\n"
      "    model: gpt-4o-mini\n"
      "    params: *defaults\n"
      "    timeout: 30s\n"
      "  - id: check\n"
      "    provider: echo\n"
      "    needs: [draft]\n"
      "    retries: 2\n"
      "# trailing comment\n"
      "tags:\n"
      "  - summary\n"
      "  - \"café\"\n"
      "limits: {max_cost: 0.5, budget: [1, 2, {x: y}]}\n"
      "notes: >\n"
      "  folded text\n"
      "  on two lines\n";
  std::size_t loaded = 0;
  std::size_t failed = 0;
  for (std::size_t len = 0; len <= text.size(); ++len) {
    CAPTURE(len);
    try {
      auto doc = load_yaml(text.substr(0, len));
      ++loaded;
    } catch (const genops::core::Error& e) {
      CHECK(e.kind() == genops::core::ErrorKind::invalid_input);
      ++failed;
    } catch (const std::exception& e) {
      FAIL("unexpected exception type: " << e.what());
    }
  }
  CHECK(loaded > 100);
  CHECK(failed > 10);
  CHECK_NOTHROW(require_version(load_yaml(text)->root()));
}
