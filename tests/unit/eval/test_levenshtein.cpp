// Edit distances against rapidfuzz's own published cases (rapidfuzz/RapidFuzz:
// tests/distance/test_Levenshtein.py, tests/distance/test_Indel.py,
// tests/distance/test_distance.py, tests/test_fuzz.py, README.md and the
// docstrings of src/rapidfuzz/distance/Levenshtein_py.py and Indel_py.py).
#include <doctest/doctest.h>

#include <cmath>

#include "eval/metrics/levenshtein.hpp"

using namespace genops::eval::metrics;

namespace {
bool near(double a, double b) { return std::abs(a - b) < 1e-12; }
}  // namespace

TEST_CASE("eval::metrics::levenshtein_distance: rapidfuzz test_Levenshtein.py") {
  SUBCASE("test_empty_string") { CHECK(levenshtein_distance("", "") == 0); }
  SUBCASE("test_cross_type_matching") { CHECK(levenshtein_distance("aaaa", "aaaa") == 0); }
  SUBCASE("test_simple_unicode_tests: code points, not bytes") {
    CHECK(levenshtein_distance("ÁÄ", "ABCD") == 4);  // 2 substitutions + 2 insertions
    CHECK(levenshtein_distance("ÁÄ", "ÁÄ") == 0);
  }
  SUBCASE("test_mbleven") { CHECK(levenshtein_distance("0", "101") == 2); }
  SUBCASE("Levenshtein_py.py docstring") { CHECK(levenshtein_distance("lewenstein", "levenshtein") == 2); }
}

TEST_CASE("eval::metrics::levenshtein_similarity: rapidfuzz Levenshtein.normalized_similarity") {
  // Levenshtein_py.py docstring: 0.81818181818181
  CHECK(std::abs(levenshtein_similarity("lewenstein", "levenshtein") - 0.81818181818181) < 1e-13);
  CHECK(near(levenshtein_similarity("lewenstein", "levenshtein"), 1.0 - 2.0 / 11.0));
  // test_distance.py: normalized_similarity("", "") == 1.0
  CHECK(levenshtein_similarity("", "") == 1.0);
  CHECK(levenshtein_similarity("the wonderful new york mets", "the wonderful new york mets") == 1.0);
  CHECK(levenshtein_similarity("abc", "") == 0.0);
}

TEST_CASE("eval::metrics::indel_distance: rapidfuzz test_Indel.py") {
  SUBCASE("test_basic") {
    CHECK(indel_distance("", "") == 0);
    CHECK(indel_distance("test", "test") == 0);
    CHECK(indel_distance("aaaa", "bbbb") == 8);
  }
  SUBCASE("test_issue_196") { CHECK(indel_distance("South Korea", "North Korea") == 4); }
  SUBCASE("Indel_py.py docstring") { CHECK(indel_distance("lewenstein", "levenshtein") == 3); }
}

TEST_CASE("eval::metrics::indel_similarity: rapidfuzz fuzz.ratio / 100") {
  // Indel_py.py docstring: Indel.normalized_similarity("lewenstein", "levenshtein") = 0.85714285714285
  CHECK(std::abs(indel_similarity("lewenstein", "levenshtein") - 0.85714285714285) < 1e-13);
  // README.md: fuzz.ratio("this is a test", "this is a test!") = 96.55172413793103
  CHECK(near(indel_similarity("this is a test", "this is a test!") * 100, 96.55172413793103));
  // README.md: fuzz.ratio("fuzzy wuzzy was a bear", "wuzzy fuzzy was a bear") = 90.9090909090909
  CHECK(near(indel_similarity("fuzzy wuzzy was a bear", "wuzzy fuzzy was a bear") * 100, 90.9090909090909));
  // test_fuzz.py: ratio("", "") == 100; test_no_processor
  CHECK(indel_similarity("", "") == 1.0);
  CHECK(indel_similarity("new york mets", "new york mets") == 1.0);
  CHECK(indel_similarity("new york mets", "new YORK mets") != 1.0);
}

TEST_CASE("eval::metrics::levenshtein_edit: unit=word, rapidfuzz test_Levenshtein.py::test_word_error_rate") {
  // Levenshtein.distance(["aaaaa", "bbbb"], ["aaaaa", "bbbb"]) == 0 and
  // Levenshtein.distance(["aaaaa", "bbbb"], ["aaaaa", "cccc"]) == 1: lists of
  // tokens are compared token by token, a word error count.
  EditOptions words;
  words.unit = EditUnit::word;
  CHECK(levenshtein_edit("aaaaa bbbb", "aaaaa bbbb", words).distance == 0);
  CHECK(levenshtein_edit("aaaaa bbbb", "aaaaa cccc", words).distance == 1);
  CHECK(near(levenshtein_edit("aaaaa bbbb", "aaaaa cccc", words).similarity, 0.5));
  // The same strings in code points: four substitutions.
  CHECK(levenshtein_edit("aaaaa bbbb", "aaaaa cccc", {}).distance == 4);
  // Words split on any whitespace, as str.split(); an empty side is all insertions.
  CHECK(levenshtein_edit("the  cat\tsat", "the cat sat down", words).distance == 1);
  CHECK(levenshtein_edit("", "a b c", words).distance == 3);
  CHECK(levenshtein_edit("", "", words).similarity == 1.0);
  // Indel over words: ["a", "b"] vs ["a", "c"] is one deletion and one insertion.
  CHECK(indel_edit("a b", "a c", words).distance == 2);
  CHECK(near(indel_edit("a b", "a c", words).similarity, 0.5));
}

TEST_CASE("eval::metrics::levenshtein_edit: processor=default_process (rapidfuzz tests/test_utils.py)") {
  EditOptions processed;
  processed.processor = EditProcessor::default_process;
  // test_fullProcess: "C'est la vie" -> "c est la vie", "Ça va?" -> "ça va".
  CHECK(levenshtein_edit("C'est la vie", "c est la vie", processed).distance == 0);
  CHECK(levenshtein_edit("Ça va?", "ça va", processed).distance == 0);
  CHECK(levenshtein_edit("Ça va?", "ça va", {}).distance == 2);
  // rapidfuzz README: fuzz.ratio("this is a test", "this is a test!") is 96.55;
  // with processor=default_process the "!" goes and the ratio is 100.
  CHECK(near(indel_edit("this is a test", "this is a test!", {}).similarity, 1.0 - 1.0 / 29.0));
  CHECK(indel_edit("this is a test", "this is a test!", processed).similarity == 1.0);
  CHECK(parse_edit_processor("default").error() == "expected none or default_process, got \"default\"");
  CHECK(parse_edit_unit("words").error() == "expected codepoint or word, got \"words\"");
}
