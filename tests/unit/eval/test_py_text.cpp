// Python 3 str semantics the reference metrics rely on. Expected values are
// what CPython 3.11 returns for the same expressions.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "eval/metrics/py_text.hpp"

using namespace genops::eval::metrics;

TEST_CASE("eval::metrics::py_split: str.split() on Unicode whitespace") {
  // "a\u00a0b\u2003c\x1cd\u0085e f".split() == ['a', 'b', 'c', 'd', 'e', 'f']
  const auto words = py_split("a\u00a0b\u2003c\x1c" "d\u0085e\t\n f ");
  CHECK(words == std::vector<std::string_view>{"a", "b", "c", "d", "e", "f"});
  // Zero-width space is not whitespace in Python.
  CHECK(py_split("a\u200bb").size() == 1);
  CHECK(py_split("   ").empty());
  CHECK(py_join_split("  x \u3000 y  ") == "x y");
}

TEST_CASE("eval::metrics::py_rstrip: str.rstrip()") {
  CHECK(py_rstrip("abc \t\u00a0\r\n") == "abc");
  CHECK(py_rstrip(" a b ") == " a b");
  CHECK(py_rstrip("\u2003") == "");
}

TEST_CASE("eval::metrics::py_lower: str.lower()") {
  CHECK(py_lower("ÀÉÎ Straße ΑΒΓ") == "àéî straße αβγ");
  // 'İ'.lower() == 'i\u0307'
  CHECK(py_lower("İ") == "i\u0307");
  // 'ΟΔΟΣ ΣΑΣ.'.lower() == 'οδος σας.'; 'Σ'.lower() == 'σ'; 'AΣb'.lower() == 'aσb'; "AΣ'".lower() == "aς'"
  CHECK(py_lower("ΟΔΟΣ ΣΑΣ.") == "οδος σας.");
  CHECK(py_lower("Σ") == "σ");
  CHECK(py_lower("AΣb") == "aσb");
  CHECK(py_lower("AΣ'") == "aς'");
}

TEST_CASE("eval::metrics::ascii_category_group: the inline ASCII table agrees with utf8proc") {
  for (char32_t c = 0; c < 128; ++c) {
    CAPTURE(static_cast<int>(c));
    CHECK(ascii_category_group(static_cast<char>(c)) == unicode_category_group(c));
  }
  CHECK(is_punctuation(U'«'));
  CHECK(is_symbol(U'€'));
  CHECK(is_number(U'½'));
  CHECK_FALSE(is_number(U'a'));
}

TEST_CASE("eval::metrics::rapidfuzz_default_process: rapidfuzz tests/test_utils.py::test_fullProcess") {
  // Every pair of rapidfuzz/RapidFuzz tests/test_utils.py, as written there.
  CHECK(rapidfuzz_default_process("Lorem Ipsum is simply dummy text of the printing and typesetting industry.") ==
        "lorem ipsum is simply dummy text of the printing and typesetting industry");
  CHECK(rapidfuzz_default_process("C'est la vie") == "c est la vie");
  CHECK(rapidfuzz_default_process("Ça va?") == "ça va");
  CHECK(rapidfuzz_default_process("Cães danados") == "cães danados");
  CHECK(rapidfuzz_default_process("¬Camarões assados") == "camarões assados");
  CHECK(rapidfuzz_default_process("a¬ሴ€耀") == "a ሴ 耀");
  CHECK(rapidfuzz_default_process("Á") == "á");
  // Inner runs are kept (no collapsing); '_' is not alphanumeric in the C++ implementation.
  CHECK(rapidfuzz_default_process("  a_b  --  C  ") == "a b      c");
  CHECK(rapidfuzz_default_process("?!") == "");
}
