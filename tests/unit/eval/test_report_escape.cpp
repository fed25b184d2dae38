// Escaping rules per format: XML 1.0 §2.2 (Char production) and §2.4, the HTML
// spec's five special characters, RFC 4180 §2, OWASP "CSV Injection", GitHub
// Flavored Markdown's backslash escapes.
#include <doctest/doctest.h>

#include "eval/reports/escape.hpp"

using namespace genops::eval::reports;

TEST_CASE("eval::reports::truncate_text") {
  CHECK(truncate_text("abcdef", 3) == "abc\xE2\x80\xA6");
  CHECK(truncate_text("abc", 3) == "abc");
  CHECK(truncate_text("a\xC3\xA9", 2) == "a\xE2\x80\xA6");  // never cuts inside é
}

TEST_CASE("eval::reports::xml_escape") {
  CHECK(xml_escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  CHECK(xml_escape("]]>") == "]]&gt;");
  CHECK(xml_escape("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d");
  CHECK(xml_escape("\x01\x1b") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // not XML characters
  CHECK(xml_escape("\xEF\xBF\xBF") == "\xEF\xBF\xBD");          // U+FFFF
  CHECK(xml_escape("\xff") == "\xEF\xBF\xBD");
}

TEST_CASE("eval::reports::html_escape and script_safe_json") {
  CHECK(html_escape("<b>\"x\" & 'y'</b>") == "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
  CHECK(html_escape("a\x02" "b\n") == "a\xEF\xBF\xBD" "b\n");
  CHECK(script_safe_json(R"({"a":"</script><!--&"})") == R"({"a":"\u003c/script\u003e\u003c!--\u0026"})");
  CHECK(script_safe_json("\"\xE2\x80\xA8\"") == "\"\\u2028\"");
}

TEST_CASE("eval::reports::csv_text") {
  CHECK(csv_text("plain") == "plain");
  CHECK(csv_text("a,b") == "\"a,b\"");
  CHECK(csv_text("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_text("two\nlines") == "\"two\nlines\"");
  CHECK(csv_text("=1+2") == "'=1+2");
  CHECK(csv_text("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_text("-2,3") == "\"'-2,3\"");
}

TEST_CASE("eval::reports::markdown_inline") {
  CHECK(markdown_inline("a|b") == "a\\|b");
  CHECK(markdown_inline("<img src=x>") == "&lt;img src=x&gt;");
  CHECK(markdown_inline("ping @octocat") == "ping &#64;octocat");
  CHECK(markdown_inline("*bold* _it_ `code` [link](x) #1") == "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\#1");
  CHECK(markdown_inline("one\ntwo") == "one two");
  CHECK(markdown_inline("- item") == "\\- item");
  CHECK(markdown_inline("a-b") == "a-b");
  CHECK(markdown_inline("abcdef", 3) == "abc\xE2\x80\xA6");
}

TEST_CASE("eval::reports::terminal_text") {
  CHECK(terminal_text("\x1b[31mred\x1b[0m") == "?[31mred?[0m");
  CHECK(terminal_text("a\nb\tc") == "a b c");
  CHECK(terminal_text("\xC2\x9B" "2J") == "?2J");  // C1 CSI
  CHECK(terminal_text("caf\xC3\xA9") == "caf\xC3\xA9");
}
