// levenshtein, bleu, chrf, rouge*: wiring to eval/metrics (reference choice,
// 0..1 scaling, sentence-level defaults, thresholds, not-).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "eval/metrics/bleu.hpp"
#include "eval/metrics/chrf.hpp"
#include "tests/unit/eval/assert_helpers.hpp"

using namespace genops::test;
namespace metrics = genops::eval::metrics;

namespace {

std::string g4(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

AssertionSpec with_threshold(const std::string& written, nlohmann::json value, double threshold) {
  auto spec = make_spec(written, std::move(value));
  spec.threshold = threshold;
  return spec;
}

}  // namespace

TEST_CASE("eval::assertions: levenshtein") {
  // rapidfuzz: distance 2, normalized similarity 0.81818...
  SUBCASE("similarity against the default threshold 0.8") {
    auto r = check(make_spec("levenshtein", "levenshtein"), "lewenstein");
    CHECK(r.pass);
    CHECK(std::abs(*r.score - 9.0 / 11.0) < 1e-12);
    CHECK(r.threshold == 0.8);
  }
  SUBCASE("below a threshold") {
    auto r = check(with_threshold("levenshtein", "levenshtein", 0.9), "lewenstein");
    CHECK_FALSE(r.pass);
    CHECK(r.reason == "levenshtein similarity 0.8182 is below the threshold 0.9 (distance 2)");
  }
  SUBCASE("not- inverts the score") {
    auto r = check(make_spec("not-levenshtein", "levenshtein"), "lewenstein");
    CHECK_FALSE(r.pass);
    CHECK(std::abs(*r.score - 2.0 / 11.0) < 1e-12);
    CHECK(r.reason == "levenshtein similarity 0.8182 is at or above the threshold 0.8 (distance 2)");
  }
  SUBCASE("max_distance: promptfoo's ceiling on the distance") {
    auto spec = make_spec("levenshtein", "levenshtein");
    spec.options["max_distance"] = 1;
    auto r = check(spec, "lewenstein");
    CHECK_FALSE(r.pass);
    CHECK(r.reason == "levenshtein distance 2 is above the maximum 1");
    spec.options["max_distance"] = 2;
    CHECK(check(spec, "lewenstein").pass);
    spec.options["max_distance"] = "two";
    auto e = check(spec, "lewenstein");
    CHECK(e.error);
    CHECK(e.reason == "levenshtein: option max_distance must be a number, got \"two\"");
  }
  SUBCASE("the case's expected, and the closest of several references") {
    CHECK(check(make_spec("levenshtein"), Case{"kitten", {}, "kitten"}).score == 1.0);
    auto r = check(make_spec("levenshtein", {"sitting", "kitted"}), "kitten");
    CHECK(std::abs(*r.score - 5.0 / 6.0) < 1e-12);
  }
  SUBCASE("code points, not bytes") { CHECK(check(make_spec("levenshtein", "été"), "ete").score == doctest::Approx(1.0 / 3.0)); }
  SUBCASE("no reference is an error") {
    auto r = check(make_spec("levenshtein"), "x");
    CHECK(r.error);
    CHECK(r.reason == "levenshtein needs a reference: a value, or an expected output on the case");
  }
}

TEST_CASE("eval::assertions: levenshtein processor and unit (issue 11 A11)") {
  SUBCASE("unit: word counts word edits (rapidfuzz test_Levenshtein.py::test_word_error_rate)") {
    auto spec = make_spec("levenshtein", "aaaaa cccc");
    spec.options["unit"] = "word";
    auto r = check(spec, "aaaaa bbbb");
    CHECK(*r.score == 0.5);
    CHECK(r.reason == "levenshtein similarity 0.5 is below the threshold 0.8 (distance 1)");
    spec.options["max_distance"] = 1;
    CHECK(check(spec, "aaaaa bbbb").pass);
  }
  SUBCASE("processor: default_process (rapidfuzz tests/test_utils.py::test_fullProcess)") {
    auto spec = make_spec("levenshtein", "c est la vie");
    CHECK_FALSE(check(spec, "C'est la vie!").score == 1.0);
    spec.options["processor"] = "default_process";
    auto r = check(spec, "C'est la vie!");
    CHECK(*r.score == 1.0);
    CHECK(r.pass);
  }
  SUBCASE("a bad value fails the assertion, naming the option") {
    auto spec = make_spec("levenshtein", "x");
    spec.options["unit"] = "token";
    CHECK(check(spec, "x").reason == "levenshtein: option unit: expected codepoint or word, got \"token\"");
  }
}

TEST_CASE("eval::assertions: bleu") {
  const std::string ref = "The cat sat on the mat.";
  SUBCASE("identical is 1") {
    auto r = check(make_spec("bleu", ref), ref);
    CHECK(r.pass);
    CHECK(r.score == doctest::Approx(1.0));
    CHECK(r.threshold == 0.5);
  }
  SUBCASE("sentence BLEU with effective order, divided by 100") {
    const std::string hyp = "The cat";  // no 3- or 4-grams: effective order matters
    metrics::BleuOptions options;
    options.effective_order = true;
    std::vector<std::string> refs{ref};
    double expected = metrics::sentence_bleu(hyp, refs, options).score / 100;
    options.effective_order = false;
    double without = metrics::sentence_bleu(hyp, refs, options).score / 100;
    REQUIRE(expected != doctest::Approx(without));
    auto r = check(make_spec("bleu"), Case{hyp, {}, ref});
    CHECK(r.score == doctest::Approx(expected));
    CHECK(r.reason == "bleu " + g4(expected) + " is below the threshold 0.5");
  }
  SUBCASE("options: lowercase, tokenize") {
    auto spec = make_spec("bleu", "THE CAT SAT ON THE MAT.");
    CHECK(check(spec, ref).score < 0.5);
    spec.options["lowercase"] = true;
    CHECK(check(spec, ref).score == doctest::Approx(1.0));
    spec.options["tokenize"] = "klingon";
    auto e = check(spec, ref);
    CHECK(e.error);
    CHECK(e.reason.rfind("bleu: option tokenize: ", 0) == 0);
    spec.options["tokenize"] = "char";
    CHECK(check(spec, ref).score == doctest::Approx(1.0));
  }
  SUBCASE("not-") {
    auto r = check(make_spec("not-bleu", ref), ref);
    CHECK_FALSE(r.pass);
    CHECK(r.score == doctest::Approx(0.0));
    CHECK(r.reason == "bleu 1 is at or above the threshold 0.5");
  }
}

TEST_CASE("eval::assertions: chrf") {
  const std::string ref = "The cat sat on the mat.";
  const std::string hyp = "The cat sat on a mat.";
  std::vector<std::string> refs{ref};
  SUBCASE("chrF2, divided by 100, default threshold 0.5") {
    double expected = metrics::sentence_chrf(hyp, refs, metrics::ChrfOptions{}) / 100;
    auto r = check(make_spec("chrf", ref), hyp);
    CHECK(r.score == doctest::Approx(expected));
    CHECK(r.pass);
    CHECK(r.threshold == 0.5);
    auto f = check(with_threshold("chrf", ref, 0.95), hyp);
    CHECK(f.reason == "chrF2 " + g4(expected) + " is below the threshold 0.95");
  }
  SUBCASE("word_order 2 is chrF++") {
    double expected = metrics::sentence_chrf(hyp, refs, metrics::chrf_plus_plus_options()) / 100;
    auto spec = with_threshold("chrf", ref, 0.99);
    spec.options["word_order"] = 2;
    auto r = check(spec, hyp);
    CHECK(r.score == doctest::Approx(expected));
    CHECK(r.reason == "chrF2++ " + g4(expected) + " is below the threshold 0.99");
    spec.options["word_order"] = 3;
    CHECK(check(spec, hyp).reason == "chrf: option word_order must be 0, 1 or 2 (2 is chrF++), got 3");
  }
  SUBCASE("whitespace, char_order, beta: sacrebleu test/test_chrf.py::test_chrf_keep_whitespace") {
    // mjpost/sacrebleu test/test_chrf.py: corpus_chrf(..., char_order=6, word_order=0, beta=3,
    // remove_whitespace=False) of one segment; a single segment's corpus score is its sentence score.
    auto spec = make_spec("chrf", "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.");
    spec.options["whitespace"] = true;
    spec.options["char_order"] = 6;
    spec.options["beta"] = 3;
    spec.threshold = 0.99;
    auto r = check(spec, "Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.");
    CHECK(std::abs(*r.score - 0.673481606) < 1e-6);
    CHECK(r.reason.rfind("chrF3 0.6735 is below", 0) == 0);
    spec.value = "risk assessment has to be undertaken by those who are qualified and expert in that area - that is "
                 "the scientists .";
    auto second = check(spec, "risk assessment must be made of those who are qualified and expertise in the sector - "
                              "these are the scientists .");
    CHECK(std::abs(*second.score - 0.652414427) < 1e-6);
    spec.options.erase("whitespace");  // whitespace removed (the default) scores differently
    CHECK(std::abs(*check(spec, "risk assessment must be made of those who are qualified and expertise in the sector - "
                                "these are the scientists .").score - 0.652414427) > 1e-3);
  }
}

TEST_CASE("eval::assertions: rouge1, rouge2, rougeL, rougeLsum") {
  // rouge-score's README: target "The quick brown fox jumps over the lazy dog",
  // prediction "The quick brown dog jumps on the log." -> rouge1 F 0.70588, rougeL F 0.58824.
  Case c{"The quick brown dog jumps on the log.", {}, "The quick brown fox jumps over the lazy dog"};
  SUBCASE("F1 against expected, default threshold 0.75") {
    auto r1 = check(make_spec("rouge1"), c);
    CHECK(*r1.score == doctest::Approx(0.70588235).epsilon(1e-7));
    CHECK_FALSE(r1.pass);
    CHECK(r1.threshold == 0.75);
    CHECK(r1.reason == "rouge1 0.7059 is below the threshold 0.75");
    auto rl = check(make_spec("rougeL"), c);
    CHECK(*rl.score == doctest::Approx(0.58823529).epsilon(1e-7));
  }
  SUBCASE("threshold and not-") {
    auto spec = make_spec("rougeL");
    spec.threshold = 0.5;
    CHECK(check(spec, c).pass);
    auto n = check(make_spec("not-rouge1"), c);
    CHECK(n.pass);
    CHECK(*n.score == doctest::Approx(1 - 0.70588235).epsilon(1e-7));
  }
  SUBCASE("rouge2 and rougeLsum") {
    CHECK(check(make_spec("rouge2", "a b c"), "a b c").score == 1.0);
    CHECK(check(make_spec("rougeLsum", "a b\nc d"), "c d\na b").score == 1.0);
    CHECK(check(make_spec("rougeL", "a b\nc d"), "c d\na b").score == 0.5);
  }
  SUBCASE("use_stemmer") {
    auto spec = make_spec("rouge1", "The cats are running");
    CHECK(*check(spec, "the cat is run").score == doctest::Approx(0.25));
    spec.options["use_stemmer"] = true;
    CHECK(*check(spec, "the cat is run").score == doctest::Approx(0.75));
    spec.options["use_stemmer"] = "yes";
    CHECK(check(spec, "x").reason == "rouge1: option use_stemmer must be true or false, got \"yes\"");
  }
}
