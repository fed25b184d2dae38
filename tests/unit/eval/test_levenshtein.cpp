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
