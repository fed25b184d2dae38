// core::yaml leaf parsers for scalar text.
#include <doctest/doctest.h>

#include "core/yaml/scalar.hpp"

using namespace genops::core::yaml;
using std::chrono::milliseconds;

TEST_CASE("yaml::parse_int") {
  CHECK(*parse_int("42") == 42);
  CHECK(*parse_int("+5") == 5);
  CHECK(*parse_int("-0") == 0);
  CHECK(*parse_int("-9223372036854775808") == INT64_MIN);
  CHECK(parse_int("9223372036854775808").error() == "expected an integer, got \"9223372036854775808\" (out of range)");
  for (const char* bad : {"", "-", "1.0", "0x1f", "1_000", " 1", "1e3", "abc"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_int(bad).has_value());
  }
  CHECK(parse_int("abc").error() == "expected an integer, got \"abc\"");
}

TEST_CASE("yaml::parse_double") {
  CHECK(*parse_double("3") == 3.0);
  CHECK(*parse_double("-0.5") == -0.5);
  CHECK(*parse_double("+.5") == 0.5);
  CHECK(*parse_double("1e-3") == 0.001);
  CHECK(*parse_double("2.5E2") == 250.0);
  CHECK(*parse_double("3.") == 3.0);
  for (const char* bad : {"", ".", "-", "e5", "1e", "1e+", ".inf", "nan", "1,5", "1.2.3"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_double(bad).has_value());
  }
  CHECK(parse_double("1e999").error() == "expected a number, got \"1e999\" (out of range)");
  CHECK(parse_double("x").error() == "expected a number, got \"x\"");
}

TEST_CASE("yaml::parse_bool") {
  CHECK(*parse_bool("true") == true);
  CHECK(*parse_bool("false") == false);
  for (const char* bad : {"yes", "no", "on", "True", "1", ""}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_bool(bad).has_value());
  }
  CHECK(parse_bool("yes").error() == "expected true or false, got \"yes\"");
}

TEST_CASE("yaml::parse_duration") {
  CHECK(*parse_duration("30s") == milliseconds(30'000));
  CHECK(*parse_duration("500ms") == milliseconds(500));
  CHECK(*parse_duration("2m") == milliseconds(120'000));
  CHECK(*parse_duration("1h") == milliseconds(3'600'000));
  CHECK(*parse_duration("45") == milliseconds(45'000));
  CHECK(*parse_duration("0") == milliseconds(0));
  CHECK(*parse_duration("1.5s") == milliseconds(1'500));
  CHECK(*parse_duration("0.25") == milliseconds(250));
  for (const char* bad : {"", "s", "-5s", "5 s", "5sec", "1e3s", "soon", "5d", ".s"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_duration(bad).has_value());
  }
  CHECK(parse_duration("soon").error() == "expected a duration like 30s, 500ms or 2m, got \"soon\"");
  CHECK(parse_duration("99999999999h").error() == "duration \"99999999999h\" is too long");
}

TEST_CASE("yaml::is_number") {
  CHECK(is_number("1"));
  CHECK(is_number("-1.5e3"));
  CHECK_FALSE(is_number("1a"));
  CHECK_FALSE(is_number(""));
}
