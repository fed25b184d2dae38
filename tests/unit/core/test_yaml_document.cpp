// core::yaml::Document and Node: marks, paths, typed access and located errors.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/strings.hpp"
#include "core/yaml/document.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/core/yaml_test_helpers.hpp"

using namespace genops::core::yaml;
using genops::core::ErrorKind;
using genops::test::error_from;
using genops::test::load_yaml;
using genops::test::what;
using genops::test::yaml_error;

TEST_CASE("yaml::Document: marks, paths and quoting") {
  auto doc = load_yaml(
      "version: 1\n"
      "name: \"demo\"\n"
      "steps:\n"
      "  - id: first\n"
      "    provider: openai\n"
      "  - id: second\n"
      "    retries: 3\n");
  const Node& root = doc->root();
  CHECK(root.is_map());
  CHECK(root.path() == "");
  CHECK(root.mark().line == 1);
  CHECK(root.mark().column == 1);
  CHECK(doc->name() == "t.yaml");
  CHECK(root.document() == doc.get());

  const Node& name = root.at("name");
  CHECK(name.as_string() == "demo");
  CHECK(name.quoted());
  CHECK(name.path() == "name");
  CHECK(name.mark().line == 2);
  CHECK(name.mark().column == 7);

  const Node& steps = root.at("steps");
  CHECK(steps.is_sequence());
  CHECK(steps.mark().line == 4);
  CHECK(steps.mark().column == 3);
  REQUIRE(steps.items().size() == 2);
  const Node& retries = steps.items()[1].at("retries");
  CHECK(retries.path() == "steps[1].retries");
  CHECK(retries.mark().line == 7);
  CHECK(retries.mark().column == 14);
  CHECK_FALSE(retries.quoted());
  CHECK(retries.as_int() == 3);
  CHECK(steps.items()[0].at("provider").path() == "steps[0].provider");

  SUBCASE("entries keep file order") {
    std::vector<std::string> keys;
    for (const auto& [key, value] : root.entries()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"version", "name", "steps"});
    CHECK(root.find("nope") == nullptr);
  }
  SUBCASE("source lines") {
    CHECK(doc->source_line(4) == "  - id: first");
    CHECK(doc->source_line(0) == "");
    CHECK(doc->source_line(99) == "");
  }
}

TEST_CASE("yaml::Document: null, quoted null and empty values") {
  auto doc = load_yaml("a:\nb: ~\nc: null\nd: \"null\"\ne: 'x'\nf: !!str 5\n");
  const Node& root = doc->root();
  CHECK(root.at("a").is_null());
  CHECK(root.at("a").mark().line == 1);  // an empty value points at its key
  CHECK(root.at("a").mark().column == 1);
  CHECK(root.at("b").is_null());
  CHECK(root.at("b").mark().column == 4);
  CHECK(root.at("c").is_null());
  CHECK(root.at("d").is_scalar());
  CHECK(root.at("d").as_string() == "null");
  CHECK(root.at("e").quoted());
  CHECK(root.at("f").quoted());
  CHECK(root.at("f").describe() == "a string");
}

TEST_CASE("yaml::Node::describe") {
  auto doc = load_yaml("s: hello\nq: \"5\"\nn: 5\nf: -1.5e3\nb: true\nm: {}\nl: []\nz:\n");
  const Node& root = doc->root();
  CHECK(root.at("s").describe() == "a string");
  CHECK(root.at("q").describe() == "a string");
  CHECK(root.at("n").describe() == "a number");
  CHECK(root.at("f").describe() == "a number");
  CHECK(root.at("b").describe() == "a boolean");
  CHECK(root.at("m").describe() == "a map");
  CHECK(root.at("l").describe() == "a list");
  CHECK(root.at("z").describe() == "null");
  CHECK(root.at("m").entries().empty());
  CHECK(root.at("l").items().empty());
}

TEST_CASE("yaml::Node: typed scalars") {
  auto doc = load_yaml(
      "i: -42\nbig: 99999999999999999999\nx: 0.25\nb: false\nword: abc\nqi: \"5\"\nqb: \"true\"\n"
      "d1: 30s\nd2: 500ms\nd3: 2m\nd4: 1h\nd5: 45\nd6: \"1.5s\"\nsoon: soon\nneg: -5s\nm: {k: v}\nz:\n");
  const Node& r = doc->root();
  auto error = [&](auto f) { return what(error_from(f)); };

  SUBCASE("as_int") {
    CHECK(r.at("i").as_int() == -42);
    CHECK(error([&] { r.at("word").as_int(); }) == "t.yaml:5:7: word: expected an integer, got \"abc\"");
    CHECK(error([&] { r.at("qi").as_int(); }) == "t.yaml:6:5: qi: expected an integer, got the string \"5\"");
    CHECK(error([&] { r.at("x").as_int(); }) == "t.yaml:3:4: x: expected an integer, got \"0.25\"");
    CHECK(error([&] { r.at("m").as_int(); }) == "t.yaml:16:4: m: expected an integer, got a map");
    CHECK(error([&] { r.at("big").as_int(); }) ==
          "t.yaml:2:6: big: expected an integer, got \"99999999999999999999\" (out of range)");
  }
  SUBCASE("as_double") {
    CHECK(r.at("x").as_double() == 0.25);
    CHECK(r.at("i").as_double() == -42.0);
    CHECK(error([&] { r.at("word").as_double(); }) == "t.yaml:5:7: word: expected a number, got \"abc\"");
    CHECK(error([&] { r.at("qi").as_double(); }) == "t.yaml:6:5: qi: expected a number, got the string \"5\"");
  }
  SUBCASE("as_bool: only true and false") {
    CHECK(r.at("b").as_bool() == false);
    CHECK(error([&] { r.at("word").as_bool(); }) == "t.yaml:5:7: word: expected true or false, got \"abc\"");
    CHECK(error([&] { r.at("qb").as_bool(); }) == "t.yaml:7:5: qb: expected true or false, got the string \"true\"");
  }
  SUBCASE("as_duration") {
    using std::chrono::milliseconds;
    CHECK(r.at("d1").as_duration() == milliseconds(30'000));
    CHECK(r.at("d2").as_duration() == milliseconds(500));
    CHECK(r.at("d3").as_duration() == milliseconds(120'000));
    CHECK(r.at("d4").as_duration() == milliseconds(3'600'000));
    CHECK(r.at("d5").as_duration() == milliseconds(45'000));
    CHECK(r.at("d6").as_duration() == milliseconds(1'500));
    CHECK(error([&] { r.at("soon").as_duration(); }) ==
          "t.yaml:14:7: soon: expected a duration like 30s, 500ms or 2m, got \"soon\"");
    CHECK(error([&] { r.at("neg").as_duration(); }) ==
          "t.yaml:15:6: neg: expected a duration like 30s, 500ms or 2m, got \"-5s\"");
    CHECK(error([&] { r.at("m").as_duration(); }) ==
          "t.yaml:16:4: m: expected a duration like 30s, 500ms or 2m, got a map");
  }
  SUBCASE("as_string, items, entries and find on the wrong kind") {
    CHECK(r.at("i").as_string() == "-42");
    CHECK(error([&] { r.at("m").as_string(); }) == "t.yaml:16:4: m: expected a string, got a map");
    CHECK(error([&] { r.at("z").as_string(); }) == "t.yaml:17:1: z: expected a string, got null");
    CHECK(error([&] { r.at("m").items(); }) == "t.yaml:16:4: m: expected a list, got a map");
    CHECK(error([&] { r.at("i").entries(); }) == "t.yaml:1:4: i: expected a map, got a number");
    CHECK(error([&] { r.at("word").find("x"); }) == "t.yaml:5:7: word: expected a map, got a string");
  }
  SUBCASE("errors are invalid_input") {
    CHECK(error_from([&] { r.at("word").as_int(); }).kind() == ErrorKind::invalid_input);
  }
}

TEST_CASE("yaml::Node::check_keys: unknown key with did-you-mean, the full diagnostic") {
  auto doc = Document::load_string("version: 1\ninputs:\n  questoin: {type: string}\n", "prompts/a.yaml");
  const Node& inputs = doc->root().at("inputs");
  auto e = error_from([&] { inputs.check_keys({"question", "context"}); });
  CHECK(e.kind() == ErrorKind::invalid_input);
  CHECK(e.format() ==
        "genops: error: prompts/a.yaml:3:3: inputs.questoin: unknown key \"questoin\"\n"
        "    questoin: {type: string}\n"
        "    ^\n"
        "  hint: did you mean \"question\"?\n");
  SUBCASE("no close match lists the known keys") {
    auto far = error_from([&] { doc->root().check_keys({"version", "name"}); });
    CHECK(what(far) == "prompts/a.yaml:2:1: inputs: unknown key \"inputs\"");
    CHECK(far.hints() == std::vector<std::string>{"expected one of: version, name"});
  }
  SUBCASE("all keys known") {
    std::vector<std::string> allowed{"version", "inputs"};
    CHECK_NOTHROW(doc->root().check_keys(allowed));
  }
}

TEST_CASE("yaml::Node::at and fail_key") {
  auto doc = load_yaml("steps:\n  - id: a\n");
  const Node& step = doc->root().at("steps").items()[0];
  auto e = error_from([&] { step.at("provider"); });
  CHECK(what(e) == "t.yaml:2:5: steps[0]: missing required field \"provider\"");
  CHECK(e.context() == std::vector<std::string>{"    - id: a", "      ^"});
  CHECK(what(error_from([&] { doc->root().at("x"); })) == "t.yaml:1:1: missing required field \"x\"");
  CHECK(what(error_from([&] { step.fail_key("id", "bad id", {"use letters"}); })) == "t.yaml:2:5: steps[0].id: bad id");
  CHECK(what(error_from([&] { step.at("id").fail("bad value"); })) == "t.yaml:2:9: steps[0].id: bad value");
  SUBCASE("a node built by hand fails without a location") {
    Node orphan;
    CHECK(what(error_from([&] { orphan.as_string(); })) == "expected a string, got null");
  }
}

TEST_CASE("yaml::Document: duplicate keys and non-scalar keys") {
  CHECK(what(yaml_error("a: 1\nb: 2\na: 3\n")) == "t.yaml:3:1: a: duplicate key \"a\" (first at line 1)");
  CHECK(what(yaml_error("x:\n  k: 1\n  k: 2\n")) == "t.yaml:3:3: x.k: duplicate key \"k\" (first at line 2)");
  CHECK(what(yaml_error("? [x]\n: 1\n")) == "t.yaml:1:3: a map key must be a string, got a list");
  CHECK(what(yaml_error("m: {~: 1}\n")) == "t.yaml:1:5: m: a map key must be a string, got null");
}

TEST_CASE("yaml::require_version") {
  auto check = [](std::string text) {
    auto doc = load_yaml(std::move(text));
    return error_from([&] { require_version(doc->root()); });
  };
  CHECK_NOTHROW(require_version(load_yaml("version: 1\nname: x\n")->root()));
  SUBCASE("missing") {
    auto e = check("# a prompt\nname: x\n");
    CHECK(what(e) == "t.yaml:1:1: missing required field `version`");
    CHECK(e.hints() == std::vector<std::string>{"add `version: 1` as the first line"});
  }
  SUBCASE("another number") {
    CHECK(what(check("version: 2\n")) == "t.yaml:1:10: version: unsupported version 2; this genops reads version 1");
  }
  SUBCASE("wrong type") {
    auto e = check("version: \"1\"\n");
    CHECK(what(e) == "t.yaml:1:10: version: expected version 1, got the string \"1\"");
    CHECK(e.hints() == std::vector<std::string>{"write `version: 1` without quotes"});
    CHECK(what(check("version: [1]\n")) == "t.yaml:1:10: version: expected version 1, got a list");
    CHECK(what(check("version: one\n")) == "t.yaml:1:10: version: expected version 1, got \"one\"");
  }
  SUBCASE("root not a map") {
    CHECK(what(check("- a\n")) == "t.yaml:1:1: expected a map starting with `version: 1`, got a list");
  }
}

TEST_CASE("yaml::Document: empty and multiple documents") {
  std::string empty = "t.yaml: empty document, expected a map starting with `version: 1`";
  CHECK(what(yaml_error("")) == empty);
  CHECK(what(yaml_error("# only\n# comments\n\n")) == empty);
  CHECK(what(yaml_error("---\n")) == empty);
  CHECK(what(yaml_error("~\n")) == empty);
  CHECK(yaml_error("").context().empty());
  CHECK(what(yaml_error("a: 1\n---\nb: 2\n")) == "t.yaml:2:1: more than one document; a genops file holds exactly one");
  CHECK(what(yaml_error("---\na: 1\n---\n")) == "t.yaml:3:1: more than one document; a genops file holds exactly one");
  CHECK_NOTHROW(load_yaml("---\na: 1\n...\n"));
}

TEST_CASE("yaml::Document: a stray ',' fails instead of hanging yaml-cpp") {
  // yaml-cpp 0.7 returns the same empty document forever here (upstream #1040).
  CHECK(what(yaml_error(",")) == "t.yaml:1:1: invalid YAML: unexpected \",\"");
  CHECK(what(yaml_error("!a,")) == "t.yaml:1:3: invalid YAML: unexpected \",\"");
  CHECK(what(yaml_error("a: 1\n,\n")) == "t.yaml:2:1: invalid YAML: end of map not found");
}

TEST_CASE("yaml::Document: text checks before parsing") {
  SUBCASE("invalid UTF-8 names the byte, its line and column") {
    auto e = yaml_error("a: ok\nb: caf\xC3\xA9 \xFF\n");
    CHECK(what(e) == "t.yaml:2:9: invalid UTF-8 (byte 0xff)");
    CHECK(e.context() == std::vector<std::string>{"    b: caf\xC3\xA9 ?", "            ^"});
    CHECK(e.hints() == std::vector<std::string>{"save the file as UTF-8"});
  }
  SUBCASE("tabs in indentation") {
    auto e = yaml_error("a:\n\tb: 1\n");
    CHECK(what(e) == "t.yaml:2:1: tab character in indentation; YAML allows only spaces");
    CHECK(e.hints() == std::vector<std::string>{"replace tabs with spaces"});
    CHECK(what(yaml_error("a:\n  \tb: 1\n")) == "t.yaml:2:3: tab character in indentation; YAML allows only spaces");
    CHECK(what(yaml_error("a: |\n\tx\n")) == "t.yaml:2:1: tab character in indentation; YAML allows only spaces");
    CHECK(what(yaml_error("a: 1\n\t# comment\n")) == "t.yaml:2:1: tab character in indentation; YAML allows only spaces");
    CHECK(what(yaml_error("a: 1\n\t\nb: 2\n")) == "t.yaml:2:1: tab character in indentation; YAML allows only spaces");
  }
  SUBCASE("tabs elsewhere are fine") {
    auto doc = load_yaml("a: |\n  x\n  \ty\nb: x\ty\n \t \n");
    CHECK(doc->root().at("a").as_string() == "x\n\ty\n");
    CHECK(doc->root().at("b").as_string() == "x\ty");
  }
  SUBCASE("control characters") {
    CHECK(what(yaml_error(std::string("a: 1\nb: \x01\n"))) == "t.yaml:2:4: control character 0x01 is not allowed in YAML");
    CHECK(what(yaml_error(std::string("a: 1\n\0b: 2\n", 11))) ==
          "t.yaml:2:1: control character 0x00 is not allowed in YAML");
  }
  SUBCASE("a byte-order mark is skipped") {
    auto doc = load_yaml("\xEF\xBB\xBF" "a: 1\nb: x\n");
    CHECK(doc->root().at("a").mark().column == 4);
    CHECK(doc->root().at("b").mark().line == 2);
  }
  SUBCASE("size limit") {
    Limits limits;
    limits.max_bytes = 10;
    auto e = yaml_error("key: 0123456789\n", limits);
    CHECK(what(e) == "t.yaml: file is 16 bytes, over the limit of 10 bytes");
    CHECK(e.kind() == ErrorKind::invalid_input);
  }
}

TEST_CASE("yaml::Document: columns count characters, not bytes") {
  auto doc = load_yaml("a: [\xC3\xA9, x]\n");
  CHECK(doc->root().at("a").items()[1].mark().column == 8);
}

TEST_CASE("yaml::Document: malformed YAML is located") {
  auto e = yaml_error("a: 1\nb: [1, 2\nc: 3\n");
  CHECK(genops::core::starts_with(what(e), "t.yaml:"));
  CHECK(what(e).find("invalid YAML: ") != std::string::npos);
  CHECK(e.context().size() == 2);
  auto bad_map = yaml_error("a: 1\n  b: 2\n");
  CHECK(what(bad_map) == "t.yaml:2:4: invalid YAML: illegal map value");
  CHECK(bad_map.context() == std::vector<std::string>{"    b: 2", "     ^"});
}

TEST_CASE("yaml::Document::load_file") {
  genops::test::TempDir dir;
  SUBCASE("reads a file, naming it in messages") {
    auto path = dir.write("p.yaml", "version: 1\nx: [1, 2]\n");
    auto doc = Document::load_file(path.string());
    CHECK(doc->root().at("x").items().size() == 2);
    CHECK(doc->name() == path.string());
  }
  SUBCASE("missing file") {
    auto e = error_from([&] { Document::load_file((dir.path() / "nope.yaml").string()); });
    CHECK(e.kind() == ErrorKind::invalid_input);
    CHECK(what(e).find("nope.yaml: no such file") != std::string::npos);
  }
  SUBCASE("a 64 MiB file fails on its size, before reading") {
    auto path = dir.write("big.yaml", "");
    std::filesystem::resize_file(path, 64u * 1024 * 1024);
    auto e = error_from([&] { Document::load_file(path.string()); });
    CHECK(what(e).find("file is 67108864 bytes, over the limit of 1048576 bytes") != std::string::npos);
  }
}

TEST_CASE("yaml::Document::fail_at: long lines are cut around the caret") {
  auto doc = load_yaml("k: " + std::string(397, 'v') + "\n");
  auto e = error_from([&] { doc->fail_at(Mark{1, 250}, "k", "boom"); });
  CHECK(what(e) == "t.yaml:1:250: k: boom");
  CHECK(e.context()[0] == "    ..." + std::string(120, 'v') + "...");
  CHECK(e.context()[1] == std::string(4 + 3 + 60, ' ') + "^");
  auto unknown = error_from([&] { doc->fail_at(Mark{}, "", "no place"); });
  CHECK(what(unknown) == "t.yaml: no place");
  CHECK(unknown.context().empty());
}
