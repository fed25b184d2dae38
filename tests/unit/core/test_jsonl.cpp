#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "core/jsonl.hpp"

using genops::core::JsonlReader;
using Status = genops::core::JsonlRecord::Status;

TEST_CASE("core::JsonlReader::next: objects with their line numbers; blank lines skipped") {
  std::istringstream in("{\"a\":1}\n\n  \t\r\n{\"b\":2}\r\n{\"c\":3}");
  JsonlReader rows(in);
  auto first = rows.next();
  REQUIRE(first);
  CHECK(first->status == Status::object);
  CHECK(first->line == 1);
  CHECK(first->value["a"] == 1);
  auto second = rows.next();
  REQUIRE(second);
  CHECK(second->line == 4);
  CHECK(second->value["b"] == 2);  // a CRLF line parses
  auto third = rows.next();
  REQUIRE(third);
  CHECK(third->line == 5);  // a last line without '\n'
  CHECK_FALSE(rows.next());
}

TEST_CASE("core::JsonlReader::next: a bad line is reported and reading goes on") {
  std::istringstream in("{\"a\":\n[1,2]\n" + std::string(40, 'x') + "\n{\"ok\":true}\n");
  JsonlReader rows(in, 32);
  auto broken = rows.next();
  REQUIRE(broken);
  CHECK(broken->status == Status::not_json);
  CHECK(broken->line == 1);
  CHECK_FALSE(broken->problem.empty());
  auto array = rows.next();
  REQUIRE(array);
  CHECK(array->status == Status::not_object);
  CHECK(std::string(array->value.type_name()) == "array");
  auto long_line = rows.next();
  REQUIRE(long_line);
  CHECK(long_line->status == Status::too_long);
  CHECK(long_line->line == 3);
  CHECK(long_line->problem == "line longer than the limit of 32 bytes");
  auto ok = rows.next();
  REQUIRE(ok);
  CHECK(ok->status == Status::object);
  CHECK(ok->line == 4);
}

TEST_CASE("core::JsonlReader::next_line: raw non-blank lines for a parser of the caller's own") {
  std::istringstream in("\n{a: 1}\n   \nnot json\n");
  JsonlReader rows(in);
  auto first = rows.next_line();
  REQUIRE(first);
  CHECK(first->line == 2);
  CHECK(first->text == "{a: 1}");
  auto second = rows.next_line();
  REQUIRE(second);
  CHECK(second->line == 4);
  CHECK(second->text == "not json");
  CHECK_FALSE(rows.next_line());
}
