#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "eval/suite/dataset.hpp"
#include "tests/support/temp_dir.hpp"

using genops::core::Error;
using genops::eval::DatasetReader;

namespace {

std::string error_of(DatasetReader& reader) {
  try {
    while (reader.next()) {
    }
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("eval::DatasetReader: JSONL") {
  genops::test::TempDir dir;
  SUBCASE("objects in order, blank lines skipped, lines and indices counted") {
    DatasetReader reader(dir.write("a.jsonl", "{\"q\": \"one\"}\n\n  \n{\"q\": 2, \"expected\": \"x\"}\n"));
    auto first = reader.next();
    REQUIRE(first);
    CHECK(first->values["q"] == "one");
    CHECK(first->line == 1);
    auto second = reader.next();
    REQUIRE(second);
    CHECK(second->values["q"] == 2);
    CHECK(second->line == 4);
    CHECK(second->index == 1);
    CHECK_FALSE(reader.next());
  }
  SUBCASE("a line that is not an object names the file and line") {
    auto path = dir.write("b.jsonl", "{\"q\": 1}\n[1, 2]\n");
    DatasetReader reader(path);
    CHECK(error_of(reader).find("b.jsonl:2: expected a JSON object, got array") != std::string::npos);
  }
  SUBCASE("invalid JSON") {
    DatasetReader reader(dir.write("c.jsonl", "{\"q\": 1,}\n"));
    CHECK(error_of(reader).find("c.jsonl:1: ") != std::string::npos);
  }
}

TEST_CASE("eval::DatasetReader: CSV") {
  genops::test::TempDir dir;
  SUBCASE("RFC 4180: quotes, doubled quotes, separators and newlines inside quotes, CRLF, a BOM") {
    DatasetReader reader(dir.write("a.csv", "\xEF\xBB\xBFq,expected\r\n\"a, \"\"b\"\"\",\"line 1\nline 2\"\r\nplain,\r\n"));
    CHECK(reader.columns() == std::vector<std::string>{"q", "expected"});
    auto first = reader.next();
    REQUIRE(first);
    CHECK(first->values["q"] == "a, \"b\"");
    CHECK(first->values["expected"] == "line 1\nline 2");
    CHECK(first->line == 2);
    auto second = reader.next();
    REQUIRE(second);
    CHECK(second->values["q"] == "plain");
    CHECK(second->values["expected"] == "");
    CHECK(second->line == 4);  // the quoted newline moved it down a line
    CHECK_FALSE(reader.next());
  }
  SUBCASE("a ragged row") {
    DatasetReader reader(dir.write("r.csv", "q,expected\na,b\na,b,c\n"));
    CHECK(error_of(reader).find("r.csv:3: expected 2 fields as in the header row, got 3") != std::string::npos);
  }
  SUBCASE("an unterminated quote") {
    DatasetReader reader(dir.write("u.csv", "q\n\"open\n"));
    CHECK(error_of(reader).find("u.csv:2: unterminated quoted field") != std::string::npos);
  }
  SUBCASE("a duplicate column") {
    CHECK_THROWS_WITH_AS(DatasetReader(dir.write("d.csv", "q,q\n1,2\n")),
                         doctest::Contains("column \"q\" appears twice"), Error);
  }
  SUBCASE("TSV") {
    DatasetReader reader(dir.write("t.tsv", "q\texpected\na, b\tc\n"));
    auto row = reader.next();
    REQUIRE(row);
    CHECK(row->values["q"] == "a, b");
  }
}

TEST_CASE("eval::DatasetReader: files") {
  genops::test::TempDir dir;
  CHECK_THROWS_WITH_AS(DatasetReader(dir.path() / "missing.jsonl"), doctest::Contains("no such file"), Error);
  CHECK_THROWS_WITH_AS(DatasetReader(dir.write("x.xlsx", "")), doctest::Contains("unknown dataset format \".xlsx\""), Error);
  CHECK_THROWS_WITH_AS(DatasetReader(dir.write("e.csv", "")), doctest::Contains("the file is empty"), Error);
}

TEST_CASE("eval::DatasetReader: a line over the limit names the file, the line and the limit") {
  genops::test::TempDir dir;
  SUBCASE("JSONL") {
    auto path = dir.write("long.jsonl", "{\"q\": 1}\n{\"q\": \"" + std::string(20 * 1000 * 1000, 'x') + "\"}\n");
    DatasetReader reader(path, {}, 64 * 1024);
    CHECK(error_of(reader).find("long.jsonl:2: line longer than the limit of 64 KiB") != std::string::npos);
  }
  SUBCASE("CSV") {
    auto path = dir.write("long.csv", "q\n" + std::string(100 * 1024, 'x') + "\n");
    DatasetReader reader(path, {}, 64 * 1024);
    CHECK(error_of(reader).find("long.csv:2: row longer than the limit of 64 KiB") != std::string::npos);
  }
}
