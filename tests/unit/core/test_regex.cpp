#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "core/regex.hpp"

using genops::core::Regex;
using genops::core::RegexCase;

TEST_CASE("core::Regex::compile: an invalid pattern gives RE2's message") {
  auto re = Regex::compile("(unclosed");
  REQUIRE_FALSE(re);
  CHECK(re.error() == "missing ): (unclosed");
  auto backref = Regex::compile("(a)\\1");
  REQUIRE_FALSE(backref);
  CHECK(backref.error() == "invalid escape sequence: \\1");
  auto lookahead = Regex::compile("a(?=b)");
  REQUIRE_FALSE(lookahead);
  CHECK(lookahead.error() == "invalid perl operator: (?=");
}

TEST_CASE("core::Regex::builtin: a bad built-in pattern is an internal error") {
  CHECK_THROWS_AS(Regex::builtin("("), genops::core::Error);
}

TEST_CASE("core::Regex: full match, search, groups") {
  auto re = Regex::builtin("([a-z]+)-([0-9]+)?");
  CHECK(re.pattern() == "([a-z]+)-([0-9]+)?");
  CHECK(re.group_count() == 2);
  SUBCASE("full_match covers the whole text") {
    CHECK(re.full_match("abc-12"));
    CHECK_FALSE(re.full_match("abc-12 "));
    CHECK_FALSE(re.full_match("x abc-12"));
  }
  SUBCASE("search finds a match anywhere") {
    CHECK(re.search("x abc-12 y"));
    CHECK_FALSE(re.search("ABC-12"));
  }
  SUBCASE("find gives the offset and every group; an unmatched group is nullopt") {
    auto m = re.find("say abc-12 now");
    REQUIRE(m);
    CHECK(m->offset == 4);
    REQUIRE(m->groups.size() == 3);
    CHECK(*m->groups[0] == "abc-12");
    CHECK(*m->groups[1] == "abc");
    CHECK(*m->groups[2] == "12");
    auto partial = re.find("abc-");
    REQUIRE(partial);
    CHECK_FALSE(partial->groups[2].has_value());
    CHECK_FALSE(re.find("nothing here 12"));
  }
}

TEST_CASE("core::Regex: case-insensitive, by option or by (?i)") {
  CHECK(Regex::builtin("refund", RegexCase::insensitive).search("REFUND now"));
  CHECK(Regex::builtin("(?i)refund.*policy").search("Our Refund Policy"));
  CHECK_FALSE(Regex::builtin("refund").search("REFUND"));
}

TEST_CASE("core::Regex::replace_all: every match, groups in the rewrite") {
  auto re = Regex::builtin("(k)=([0-9]+)");
  CHECK(*re.replace_all("k=1 and k=22", "\\1:[\\2]") == "k:[1] and k:[22]");
  CHECK(*re.replace_all("nothing", "x") == "nothing");
  auto bad = re.replace_all("k=1", "\\3");
  REQUIRE_FALSE(bad);
  CHECK(bad.error() == "Rewrite schema requests 3 matches, but the regexp only has 2 parenthesized subexpressions.");
}

TEST_CASE("core::Regex: linear time on inputs that broke std::regex") {
  SUBCASE("(a+)+$ on 29 characters (26 s of backtracking with std::regex)") {
    CHECK_FALSE(Regex::builtin("(a+)+$").full_match(std::string(28, 'a') + "!"));
    CHECK(Regex::builtin("(a+)+$").search(std::string(29, 'a')));
  }
  SUBCASE("100 KB texts (std::regex overflowed the stack)") {
    std::string big = "Bearer " + std::string(100 * 1024, 'x');
    CHECK(Regex::builtin("Bearer [^ ]+").full_match(big));
    std::string prompt = "refund " + std::string(100 * 1024, 'a') + " POLICY";
    CHECK(Regex::builtin("(?i)refund.*policy").search(prompt));
    CHECK_FALSE(Regex::builtin("\\w+!").search(std::string(40 * 1024, 'w')));
  }
}
