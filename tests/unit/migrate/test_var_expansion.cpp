// migrate::promptfoo::expand_vars: promptfoo's generateVarCombinations.
#include <doctest/doctest.h>

#include "migrate/promptfoo/var_expansion.hpp"

using namespace genops::migrate;
using namespace genops::migrate::promptfoo;
using ojson = nlohmann::ordered_json;

TEST_CASE("promptfoo::expand_vars: lists of strings expand into the cartesian product") {
  auto combos = expand_vars(ojson::parse(R"({"a": ["x", "y", "z"], "b": "fixed", "c": ["1", "2"]})"));
  REQUIRE(combos.size() == 6);
  CHECK(combos[0] == ojson::parse(R"({"a": "x", "b": "fixed", "c": "1"})"));
  CHECK(combos[1] == ojson::parse(R"({"a": "x", "b": "fixed", "c": "2"})"));
  CHECK(combos[5] == ojson::parse(R"({"a": "z", "b": "fixed", "c": "2"})"));
}

TEST_CASE("promptfoo::expand_vars: other lists are one value") {
  auto combos = expand_vars(ojson::parse(R"({"n": [1, 2], "o": [{"k": 1}], "e": []})"));
  REQUIRE(combos.size() == 1);
  CHECK(combos[0]["n"] == ojson::parse("[1, 2]"));
  CHECK(combos[0]["e"] == ojson::array());
  CHECK(expand_vars(ojson::object()).size() == 1);
}
