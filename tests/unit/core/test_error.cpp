#include <doctest/doctest.h>

#include "core/error.hpp"

using genops::core::Error;
using genops::core::ErrorKind;
using genops::core::exit_code;

TEST_CASE("core::exit_code: the exit-code table") {
  CHECK(exit_code(ErrorKind::check_failed) == 1);
  CHECK(exit_code(ErrorKind::usage) == 2);
  CHECK(exit_code(ErrorKind::invalid_input) == 3);
  CHECK(exit_code(ErrorKind::provider) == 4);
  CHECK(exit_code(ErrorKind::storage) == 5);
  CHECK(exit_code(ErrorKind::internal) == 70);
  CHECK(exit_code(ErrorKind::interrupted) == 130);
}

TEST_CASE("core::Error::format") {
  SUBCASE("message only") {
    Error error(ErrorKind::usage, "unknown flag --x");
    CHECK(std::string(error.what()) == "unknown flag --x");
    CHECK(error.format() == "genops: error: unknown flag --x\n");
  }
  SUBCASE("context lines, then hints") {
    Error error(ErrorKind::invalid_input, "a.yaml:3:3: inputs.questoin: unknown key \"questoin\"",
                {"did you mean \"question\"?", "see docs/prompts.md"},
                {"    questoin: {type: string}", "    ^"});
    CHECK(error.kind() == ErrorKind::invalid_input);
    CHECK(error.hints().size() == 2);
    CHECK(error.context().size() == 2);
    CHECK(error.format() ==
          "genops: error: a.yaml:3:3: inputs.questoin: unknown key \"questoin\"\n"
          "    questoin: {type: string}\n"
          "    ^\n"
          "  hint: did you mean \"question\"?\n"
          "  hint: see docs/prompts.md\n");
  }
}

TEST_CASE("core::fail_input, fail_storage, fail_usage: kind and hints") {
  SUBCASE("fail_input") {
    try {
      genops::core::fail_input("bad.yaml: no such file", {"check the path"});
      FAIL("fail_input returned");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::invalid_input);
      CHECK(std::string(e.what()) == "bad.yaml: no such file");
      CHECK(e.hints() == std::vector<std::string>{"check the path"});
      CHECK(e.context().empty());
    }
  }
  SUBCASE("fail_storage") {
    CHECK_THROWS_WITH_AS(genops::core::fail_storage("store locked"), "store locked", Error);
    try {
      genops::core::fail_storage("store locked");
    } catch (const Error& e) {
      CHECK(exit_code(e.kind()) == 5);
    }
  }
  SUBCASE("fail_usage") {
    try {
      genops::core::fail_usage("missing argument");
    } catch (const Error& e) {
      CHECK(exit_code(e.kind()) == 2);
    }
  }
  SUBCASE("an Error is a std::runtime_error") {
    CHECK_THROWS_AS(genops::core::fail_input("x"), std::runtime_error);
  }
}
