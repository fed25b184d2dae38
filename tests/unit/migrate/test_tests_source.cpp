// migrate::promptfoo::read_csv_tests: promptfoo's CSV columns (src/csv.ts testCaseFromCsvRow).
#include <doctest/doctest.h>

#include "core/error.hpp"
#include "migrate/promptfoo/tests_source.hpp"

using namespace genops::migrate;
using namespace genops::migrate::promptfoo;
using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

TEST_CASE("promptfoo::read_csv_tests: vars, __expected columns, description, metric and threshold") {
  Notes notes;
  auto tests = read_csv_tests(
      "question,__expected1,__expected2,__description,__metric,__threshold\r\n"
      "\"What is 2+2, really?\",4,icontains:four,math,accuracy,0.5\r\n"
      "\"multi\nline\",,\"contains:\"\"q\"\"\",,,\r\n",
      "tests.csv", notes);
  REQUIRE(tests.size() == 2);
  CHECK(tests[0].vars == ojson{{"question", "What is 2+2, really?"}});
  CHECK(tests[0].description == "math");
  CHECK(tests[0].threshold == 0.5);
  REQUIRE(tests[0].asserts.size() == 2);
  CHECK(tests[0].asserts[0].spec == json{{"type", "equals"}, {"value", "4"}, {"metric", "accuracy"}});
  CHECK(tests[0].asserts[1].spec == json{{"type", "icontains"}, {"value", "four"}, {"metric", "accuracy"}});
  CHECK(tests[0].asserts[0].at.format() == "tests.csv:2: __expected1");
  CHECK(tests[1].vars["question"] == "multi\nline");
  CHECK(tests[1].at.where == "tests.csv:3");
  REQUIRE(tests[1].asserts.size() == 1);  // an empty __expected adds nothing
  CHECK(tests[1].asserts[0].spec == json{{"type", "contains"}, {"value", "\"q\""}});
  CHECK(notes.unsupported.empty());
}

TEST_CASE("promptfoo::read_csv_tests: __prefix and file vars are unsupported; a bad quote is located") {
  Notes notes;
  auto tests = read_csv_tests("doc,__prefix\nfile://a.txt,Answer:\nplain,\n", "t.csv", notes);
  CHECK(tests.size() == 2);
  REQUIRE(notes.unsupported.size() == 2);
  CHECK(notes.unsupported[0].format() ==
        "t.csv:2: __prefix: the CSV column `__prefix` is not supported; use the text written into the prompt itself");
  CHECK(notes.unsupported[1].at.format() == "t.csv:2: vars.doc");
  try {
    read_csv_tests("a\n\"open\n", "bad.csv", notes);
    FAIL("expected an error");
  } catch (const genops::core::Error& e) {
    CHECK(std::string(e.what()) == "bad.csv:2: unterminated quoted field");
  }
}
