#include <doctest/doctest.h>

#include <string>

#include "core/utf8.hpp"

using namespace genops::core::utf8;

TEST_CASE("core::utf8::is_valid: strict UTF-8, with the offset of the first bad byte") {
  std::size_t bad = 99;
  SUBCASE("valid text") {
    CHECK(is_valid(""));
    CHECK(is_valid("plain ascii"));
    CHECK(is_valid("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
    CHECK(is_valid("\xF4\x8F\xBF\xBF"));                             // U+10FFFF
    CHECK(is_valid(std::string("a\0b", 3)));
  }
  SUBCASE("a stray byte, with its offset") {
    CHECK_FALSE(is_valid("ab\xFF" "cd", &bad));
    CHECK(bad == 2);
    CHECK_FALSE(is_valid("\x80", &bad));
    CHECK(bad == 0);
  }
  SUBCASE("a character cut short") {
    CHECK_FALSE(is_valid("ok\xE2\x82", &bad));
    CHECK(bad == 2);
    CHECK_FALSE(is_valid("\xC3" "A", &bad));
    CHECK(bad == 0);
  }
  SUBCASE("overlong forms, surrogates and values past U+10FFFF") {
    CHECK_FALSE(is_valid("\xC0\xAF", &bad));          // overlong '/'
    CHECK_FALSE(is_valid("\xE0\x80\xAF", &bad));      // overlong '/'
    CHECK_FALSE(is_valid("x\xED\xA0\x80", &bad));     // U+D800
    CHECK(bad == 1);
    CHECK_FALSE(is_valid("\xF4\x90\x80\x80", &bad));  // U+110000
    CHECK_FALSE(is_valid("\xF8\x88\x80\x80\x80"));    // 5-byte form
  }
  SUBCASE("no offset pointer is fine") { CHECK_FALSE(is_valid("\xFF")); }
}

TEST_CASE("core::utf8::decode: code points, and an invalid byte as one U+FFFD") {
  auto e = decode("\xE2\x82\xAC!", 0);
  CHECK(e.valid);
  CHECK(e.code_point == U'\u20AC');
  CHECK(e.length == 3);
  auto bad = decode("\xC0\xAF", 0);  // overlong: each byte is invalid on its own
  CHECK_FALSE(bad.valid);
  CHECK(bad.code_point == k_replacement);
  CHECK(bad.length == 1);
  CHECK(decode("\xF0\x9F\x98\x80", 0).code_point == U'\U0001F600');
  CHECK(decode("\xF0\x9F\x98", 0).length == 1);  // cut short
}

TEST_CASE("core::utf8::repair: each invalid byte becomes U+FFFD") {
  CHECK(repair("a\xff" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(repair("h\xC3\xA9") == "h\xC3\xA9");
  CHECK(repair("ok\xE2\x82") == "ok\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(repair("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(is_valid(repair("\x80\xC0\xAF\xF8\x88 x")));
}

TEST_CASE("core::utf8::count: code points, not bytes; an invalid byte counts one") {
  CHECK(count("") == 0);
  CHECK(count("\xC3\x81\xC3\x84\xE2\x82\xAC\xF0\x9D\x84\x9E") == 4);  // ÁÄ€𝄞
  // The old counters skipped every byte of the form 10xxxxxx, so a stray one
  // counted zero and a table column holding it came out one space short.
  CHECK(count("a\x80" "b") == 3);
  CHECK(count("\xC0\xAF") == 2);
}

TEST_CASE("core::utf8::byte_offset: where code point n starts") {
  const std::string s = "h\xC3\xA9llo";  // héllo
  CHECK(byte_offset(s, 0) == 0);
  CHECK(byte_offset(s, 1) == 1);
  CHECK(byte_offset(s, 2) == 3);
  CHECK(byte_offset(s, 5) == s.size());
  CHECK(byte_offset(s, 99) == s.size());
}

TEST_CASE("core::utf8::floor_boundary: never cuts a code point in two") {
  const std::string s = "a\xC3\xA9\xE2\x82\xAC";  // aé€
  CHECK(floor_boundary(s, 0) == 0);
  CHECK(floor_boundary(s, 1) == 1);
  CHECK(floor_boundary(s, 2) == 1);  // inside é
  CHECK(floor_boundary(s, 3) == 3);
  CHECK(floor_boundary(s, 5) == 3);  // inside €
  CHECK(floor_boundary(s, 6) == 6);
  CHECK(floor_boundary(s, 100) == 6);
  CHECK(floor_boundary("\x80\x80\x80", 2) == 2);  // invalid bytes are units of one
}

TEST_CASE("core::utf8::to_code_points and from_code_points round-trip") {
  const std::string s = "\xC3\x81\xE2\x82\xAC\xF0\x9D\x84\x9E";
  CHECK(to_code_points(s) == U"\u00C1\u20AC\U0001D11E");
  CHECK(from_code_points(to_code_points(s)) == s);
  CHECK(to_code_points("a\xFF") == U"a\uFFFD");
  std::string out;
  append(out, static_cast<char32_t>(0xD800));  // no scalar value: U+FFFD, never invalid UTF-8
  CHECK(out == "\xEF\xBF\xBD");
}

TEST_CASE("core::utf8::category and to_lower: Unicode's tables") {
  CHECK(category(U'A') == Category::Lu);
  CHECK(category(U'\u00E9') == Category::Ll);
  CHECK(category(U'\u0663') == Category::Nd);  // ARABIC-INDIC DIGIT THREE
  CHECK(category(U'\u0301') == Category::Mn);
  CHECK(category(U'\u00A0') == Category::Zs);
  CHECK(category(U'\u20AC') == Category::Sc);
  CHECK(category(U'\u3002') == Category::Po);
  CHECK(in_categories(category(U'\u4E2D'), Category::Lu, Category::Lo));
  CHECK(to_lower(U'\u00C1') == U'\u00E1');
  CHECK(to_lower(U'\u03A3') == U'\u03C3');
  CHECK(to_lower(U'1') == U'1');
}
