#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/strings.hpp"

using namespace genops::core;
using Strings = std::vector<std::string>;

TEST_CASE("core::split and split_lines") {
  CHECK(split("a,b,,c", ',') == Strings{"a", "b", "", "c"});
  CHECK(split("", ',') == Strings{""});
  CHECK(split("a,", ',') == Strings{"a", ""});
  SUBCASE("split_lines keeps empty lines and drops the final empty one") {
    CHECK(split_lines("a\n\nb\n") == Strings{"a", "", "b"});
    CHECK(split_lines("a\nb") == Strings{"a", "b"});
    CHECK(split_lines("") == Strings{});
    CHECK(split_lines("\n") == Strings{""});
  }
  SUBCASE("split_lines drops the CR of CRLF") {
    CHECK(split_lines("a\r\nb\r\n") == Strings{"a", "b"});
    CHECK(split_lines("a\rb\n") == Strings{"a\rb"});
  }
}

TEST_CASE("core::trim, join, starts_with, to_lower") {
  CHECK(trim("  a b \t\n") == "a b");
  CHECK(trim("   ") == "");
  Strings parts{"a", "b", "c"};
  CHECK(join(parts, ", ") == "a, b, c");
  CHECK(join(Strings{}, ", ") == "");
  CHECK(starts_with("version: 1", "version"));
  CHECK_FALSE(starts_with("ver", "version"));
  CHECK(to_lower("MiXeD 42") == "mixed 42");
}

TEST_CASE("core::edit_distance") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("questoin", "question") == 1);  // one transposition
}

TEST_CASE("core::closest_match and suggest") {
  Strings keys{"question", "context", "temperature"};
  SUBCASE("a close typo") {
    CHECK(closest_match("questoin", keys) == std::optional<std::string>("question"));
    CHECK(closest_match("Context", keys) == std::optional<std::string>("context"));
    CHECK(suggest("temprature", keys) == "did you mean \"temperature\"?");
  }
  SUBCASE("the closest of several wins") {
    Strings near{"model", "models", "mode"};
    CHECK(closest_match("modl", near) == std::optional<std::string>("model"));
  }
  SUBCASE("too far is no match") {
    CHECK_FALSE(closest_match("xyz", keys).has_value());
    CHECK_FALSE(closest_match("ab", Strings{"cd"}).has_value());
    CHECK(suggest("xyz", keys) == "expected one of: question, context, temperature");
  }
  SUBCASE("nothing to choose from") {
    CHECK(suggest("x", Strings{}) == "nothing is defined yet");
  }
}

TEST_CASE("core::quote") {
  CHECK(quote("abc") == "\"abc\"");
  CHECK(quote("") == "\"\"");
  CHECK(quote("say \"hi\"\\") == "\"say \\\"hi\\\"\\\\\"");
  CHECK(quote("a\nb\tc\r") == "\"a\\nb\\tc\\r\"");
  CHECK(quote(std::string("\x01", 1)) == "\"\\u0001\"");
  CHECK(quote(std::string(1, '\0')) == "\"\\u0000\"");
  SUBCASE("cut at max_len with an ellipsis") {
    CHECK(quote("abcdef", 3) == "\"abc...\"");
    CHECK(quote("abc", 3) == "\"abc\"");
    CHECK(quote(std::string(100, 'x')) == "\"" + std::string(60, 'x') + "...\"");
  }
  SUBCASE("UTF-8 passes through") { CHECK(quote("caf\xC3\xA9") == "\"caf\xC3\xA9\""); }
}

