// sacreBLEU's tokenizers. sacreBLEU has no unit test of its own for them (they
// are covered through BLEU scores in test/test_bleu.py); the expected strings
// below are the outputs of sacreBLEU 2.6.0's tokenizer_13a.py, tokenizer_intl.py
// and tokenizer_char.py on these inputs (char joined after str.split()).
#include <doctest/doctest.h>

#include "eval/metrics/bleu_tokenizers.hpp"

using namespace genops::eval::metrics;

TEST_CASE("eval::metrics::tokenize_bleu: 13a (mteval-v13a)") {
  CHECK(tokenize_bleu("Hello, world. It costs $3,000.50 (approx.) -- ok?", BleuTokenizer::v13a) ==
        "Hello , world . It costs $ 3,000.50 ( approx . ) -- ok ?");
  CHECK(tokenize_bleu("The 1990-2000 era...a,b", BleuTokenizer::v13a) == "The 1990 - 2000 era . . . a , b");
  CHECK(tokenize_bleu("&quot;quoted&quot; &amp;lt; x&gt;y <skipped> end", BleuTokenizer::v13a) ==
        "\" quoted \" < x > y end");
  CHECK(tokenize_bleu("hyphen-\nated line\nbreak", BleuTokenizer::v13a) == "hyphenated line break");
  CHECK(tokenize_bleu("Straße: naïve café, 1.000,5 €", BleuTokenizer::v13a) == "Straße : naïve café , 1.000,5 €");
  CHECK(tokenize_bleu("x..y,,z .,", BleuTokenizer::v13a) == "x . . y , , z . ,");
  CHECK(tokenize_bleu("  spaces\u00a0nbsp\u2003em  ", BleuTokenizer::v13a) == "spaces nbsp em");
  CHECK(tokenize_bleu("Year 2019.", BleuTokenizer::v13a) == "Year 2019 .");
  CHECK(tokenize_bleu("«Guillemets» — dash… 10,5%", BleuTokenizer::v13a) == "«Guillemets» — dash… 10,5 %");
}

TEST_CASE("eval::metrics::tokenize_bleu: intl (mteval-v14 international)") {
  CHECK(tokenize_bleu("Hello, world. It costs $3,000.50 (approx.) -- ok?", BleuTokenizer::intl) ==
        "Hello , world . It costs $ 3,000.50 ( approx . ) - - ok ?");
  CHECK(tokenize_bleu("The 1990-2000 era...a,b", BleuTokenizer::intl) == "The 1990-2000 era . . . a , b");
  CHECK(tokenize_bleu("&quot;quoted&quot; &amp;lt; x&gt;y <skipped> end", BleuTokenizer::intl) ==
        "& quot ; quoted & quot ; & amp ; lt ; x & gt ; y < skipped > end");
  CHECK(tokenize_bleu("hyphen-\nated line\nbreak", BleuTokenizer::intl) == "hyphen - ated line break");
  CHECK(tokenize_bleu("x..y,,z .,", BleuTokenizer::intl) == "x . . y , , z . ,");
  // The dot stays with a number at the end of the line, as in mteval-v14.pl.
  CHECK(tokenize_bleu("Year 2019.", BleuTokenizer::intl) == "Year 2019.");
  CHECK(tokenize_bleu("«Guillemets» — dash… 10,5%", BleuTokenizer::intl) == "« Guillemets » — dash … 10,5%");
}

TEST_CASE("eval::metrics::tokenize_bleu: char and none") {
  CHECK(tokenize_bleu("Straße: naïve café, 1.000,5 €", BleuTokenizer::character) ==
        "S t r a ß e : n a ï v e c a f é , 1 . 0 0 0 , 5 €");
  CHECK(tokenize_bleu("  spaces\u00a0nbsp\u2003em  ", BleuTokenizer::character) == "s p a c e s n b s p e m");
  CHECK(tokenize_bleu("  a\tb,  c. ", BleuTokenizer::none) == "a b, c.");
}

TEST_CASE("eval::metrics::parse_bleu_tokenizer: names and a did-you-mean") {
  CHECK(parse_bleu_tokenizer("13a").value() == BleuTokenizer::v13a);
  CHECK(parse_bleu_tokenizer("char").value() == BleuTokenizer::character);
  const auto bad = parse_bleu_tokenizer("intll");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error() == "unknown tokenizer \"intll\": did you mean \"intl\"?");
  const auto unsupported = parse_bleu_tokenizer("ja-mecab");
  REQUIRE_FALSE(unsupported.has_value());
  CHECK(unsupported.error() == "unknown tokenizer \"ja-mecab\": expected one of: 13a, intl, char, none");
}
