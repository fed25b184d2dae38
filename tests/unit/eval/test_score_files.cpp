// The `genops score` layer below the command line: reading segment files and
// JSONL, parameters under the reference projects' names, results and their text.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "eval/metrics/score_files.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::eval::metrics;
using genops::core::Error;
using genops::core::ErrorKind;

namespace {

// The message and hints of the core::Error that `call` throws.
template <typename Call>
std::string error_of(Call call, ErrorKind expected_kind) {
  try {
    call();
  } catch (const Error& e) {
    CHECK(e.kind() == expected_kind);
    std::string text = e.what();
    for (const auto& hint : e.hints()) text += " | " + hint;
    return text;
  }
  FAIL("no error thrown");
  return "";
}

ScoreSettings settings(std::string_view metric, std::vector<std::string> params = {},
                       ScoreMode mode = ScoreMode::corpus) {
  return parse_score_settings(metric, params, mode);
}

}  // namespace

TEST_CASE("eval::metrics::read_segment_files: sacreBLEU's line reading") {
  genops::test::TempDir dir;
  const auto hyp = dir.write("hyp.txt", "a b  \r\n\nc\u00a0\n");
  const auto ref = dir.write("ref.txt", "a\nb\nc");
  const std::vector<std::filesystem::path> refs = {ref};
  const auto input = read_segment_files(hyp, refs);
  CHECK(input.hypotheses == std::vector<std::string>{"a b", "", "c"});
  CHECK(input.references == std::vector<std::vector<std::string>>{{"a"}, {"b"}, {"c"}});
}

TEST_CASE("eval::metrics::read_segment_files: failures name files, lines and counts") {
  genops::test::TempDir dir;
  const auto hyp = dir.write("hyp.txt", "a\nb\nc\n");
  SUBCASE("different line counts") {
    const std::vector<std::filesystem::path> refs = {dir.write("ref.txt", "a\nb\n")};
    const auto message = error_of([&] { read_segment_files(hyp, refs); }, ErrorKind::invalid_input);
    CHECK(message.find("ref.txt: 2 lines, but ") != std::string::npos);
    CHECK(message.find("hyp.txt has 3 | a reference file holds one reference per hypothesis line") !=
          std::string::npos);
  }
  SUBCASE("invalid UTF-8") {
    const std::vector<std::filesystem::path> refs = {dir.write("ref.txt", "a\nb\xff\nc\n")};
    const auto message = error_of([&] { read_segment_files(hyp, refs); }, ErrorKind::invalid_input);
    CHECK(message.find("ref.txt:2: invalid UTF-8 (byte 3)") != std::string::npos);
  }
  SUBCASE("empty hypotheses") {
    const std::vector<std::filesystem::path> refs = {dir.write("ref.txt", "")};
    const auto message = error_of([&] { read_segment_files(dir.write("empty.txt", ""), refs); }, ErrorKind::invalid_input);
    CHECK(message.find("empty.txt: no segments to score (the file is empty)") != std::string::npos);
  }
}

TEST_CASE("eval::metrics::read_segment_jsonl: rows and their errors") {
  genops::test::TempDir dir;
  const auto good = dir.write("in.jsonl",
                              "{\"hypothesis\": \"a b\", \"references\": [\"a b\", \"b\"], \"id\": 7}\n\n"
                              "{\"hypothesis\": \"c\", \"references\": [\"d\"]}\n");
  const auto input = read_segment_jsonl(good);
  CHECK(input.hypotheses == std::vector<std::string>{"a b", "c"});
  CHECK(input.references == std::vector<std::vector<std::string>>{{"a b", "b"}, {"d"}});
  const auto failing = [&](std::string_view content) {
    const auto path = dir.write("bad.jsonl", content);
    return error_of([&] { read_segment_jsonl(path); }, ErrorKind::invalid_input);
  };
  CHECK(failing("{\"hypothesis\": \"a\", \"references\": [\"a\"]}\n{\"hypothesis\": 3}\n").find(
            "bad.jsonl:2: \"hypothesis\" must be a string") != std::string::npos);
  CHECK(failing("{\"hypothesis\": \"a\"}\n").find("bad.jsonl:1: missing \"references\"") != std::string::npos);
  CHECK(failing("{\"hypothesis\": \"a\", \"references\": []}\n")
            .find("bad.jsonl:1: \"references\" must be a non-empty array of strings") != std::string::npos);
  CHECK(failing("{\"hypothesis\": \"a\", \"references\": [1]}\n")
            .find("must be a non-empty array of strings, found number") != std::string::npos);
  CHECK(failing("[1]\n").find("bad.jsonl:1: expected an object") != std::string::npos);
  CHECK(failing("{\"hyp").find("bad.jsonl:1: invalid JSON") != std::string::npos);
}

TEST_CASE("eval::metrics::parse_score_settings: names, parameters and defaults") {
  SUBCASE("case-insensitive metric names") {
    CHECK(settings("BLEU").metric == ScoreMetric::bleu);
    CHECK(settings("chrF++").chrf.word_order == 2);
    CHECK(settings("rougel").name == "rougeL");
    CHECK(settings("rouge3").rouge_type == RougeType{RougeType::Kind::ngram, 3});
  }
  SUBCASE("parameters under the reference projects' names") {
    const auto bleu = settings("bleu", {"tokenize=intl", "smooth_method=add-k", "smooth_value=2", "lowercase=yes",
                                        "max_ngram_order=3", "effective_order=true"});
    CHECK(bleu.bleu.tokenize == BleuTokenizer::intl);
    CHECK(bleu.bleu.smooth_method == BleuSmoothing::add_k);
    CHECK(bleu.bleu.smooth_value == 2.0);
    CHECK(bleu.bleu.lowercase);
    CHECK(bleu.bleu.max_ngram_order == 3);
    CHECK(bleu.bleu.effective_order);
    const auto chrf = settings("chrf", {"char_order=4", "word_order=1", "beta=3", "whitespace=1", "eps_smoothing=true"});
    CHECK(chrf.chrf.char_order == 4);
    CHECK(chrf.chrf.word_order == 1);
    CHECK(chrf.chrf.beta == 3);
    CHECK(chrf.chrf.whitespace);
    CHECK(chrf.chrf.eps_smoothing);
    CHECK(settings("rougeLsum", {"use_stemmer=true"}).rouge.use_stemmer);
  }
  SUBCASE("per-line BLEU uses effective order unless told otherwise") {
    CHECK_FALSE(settings("bleu").bleu.effective_order);
    CHECK(settings("bleu", {}, ScoreMode::per_line).bleu.effective_order);
    CHECK_FALSE(settings("bleu", {"effective_order=false"}, ScoreMode::per_line).bleu.effective_order);
  }
}

TEST_CASE("eval::metrics::parse_score_settings: usage errors") {
  const auto usage = [](std::string_view metric, std::vector<std::string> params) {
    return error_of([&] { parse_score_settings(metric, params, ScoreMode::corpus); }, ErrorKind::usage);
  };
  CHECK(usage("bleuu", {}) == "unknown metric \"bleuu\" | did you mean \"bleu\"?");
  CHECK(usage("bleu", {"tokenise=13a"}) == "--param tokenise=13a: bleu has no parameter \"tokenise\" | did you mean \"tokenize\"?");
  CHECK(usage("bleu", {"beta=3"}) ==
        "--param beta=3: bleu has no parameter \"beta\" | expected one of: tokenize, smooth_method, smooth_value, "
        "effective_order, lowercase, max_ngram_order");
  CHECK(usage("levenshtein", {"lowercase=1"}) ==
        "--param lowercase=1: levenshtein has no parameter \"lowercase\" | expected one of: processor, unit");
  CHECK(usage("indel-ratio", {"unit=token"}) == "--param unit=token: expected codepoint or word, got \"token\"");
  CHECK(usage("bleu", {"tokenize"}) == "--param \"tokenize\": expected NAME=VALUE | e.g. --param tokenize=intl");
  CHECK(usage("bleu", {"tokenize=zz"}) ==
        "--param tokenize=zz: unknown tokenizer \"zz\": expected one of: 13a, intl, char, none");
  CHECK(usage("bleu", {"max_ngram_order=0"}) ==
        "--param max_ngram_order=0: expected a whole number from 1 to 100, got \"0\"");
  CHECK(usage("bleu", {"lowercase=maybe"}) == "--param lowercase=maybe: expected true or false, got \"maybe\"");
  CHECK(usage("bleu", {"smooth_value=-1"}) == "--param smooth_value=-1: expected a number of 0 or more, got \"-1\"");
  CHECK(usage("chrf", {"beta=2", "beta=3"}) == "--param beta=3: \"beta\" is given twice");
}

TEST_CASE("eval::metrics::score_segments: sacreBLEU README corpus, text and JSON") {
  ScoreInput input;
  input.hypotheses = {"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."};
  input.references = {{"The dog bit the man.", "The dog had bit the man."},
                      {"It was not unexpected.", "No one was surprised."},
                      {"The man bit him first.", "The man had bitten the dog."}};
  SUBCASE("bleu") {
    const auto results = score_segments(settings("bleu"), ScoreMode::corpus, input);
    REQUIRE(results.size() == 1);
    CHECK(results[0].text ==
          "BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:genops-0.1 = 48.53 82.4/50.0/45.5/37.5 "
          "(BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)");
    CHECK(std::abs(results[0].json["score"].get<double>() - 48.530827) < 1e-6);
    CHECK(results[0].json["counts"] == nlohmann::json({14, 7, 5, 3}));
    CHECK(results[0].json["segments"] == 3);
  }
  SUBCASE("chrf") {
    const auto results = score_segments(settings("chrf"), ScoreMode::corpus, input);
    CHECK(results[0].text == "chrF2|nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:genops-0.1 = 59.73");
    CHECK(results[0].json["name"] == "chrF2");
  }
  SUBCASE("per-line bleu") {
    const auto results = score_segments(settings("bleu", {}, ScoreMode::per_line), ScoreMode::per_line, input);
    REQUIRE(results.size() == 3);
    CHECK(results[0].text == "100.00");
    CHECK(results[2].json["line"] == 3);
    CHECK(results[2].json["signature"] == "nrefs:2|case:mixed|eff:yes|tok:13a|smooth:exp|version:genops-0.1");
  }
}

TEST_CASE("eval::metrics::score_segments: ROUGE and edit distances average per segment") {
  ScoreInput input;
  input.hypotheses = {"testing", "testing one"};
  input.references = {{"testing one two"}, {"testing one two"}};
  // rouge_scorer_test.py: rouge1 (1, 1/3, 1/2) and (1, 2/3, 4/5).
  const auto rouge = score_segments(settings("rouge1"), ScoreMode::corpus, input);
  CHECK(std::abs(rouge[0].json["recall"].get<double>() - 0.5) < 1e-12);
  CHECK(std::abs(rouge[0].json["fmeasure"].get<double>() - 0.65) < 1e-12);
  CHECK(rouge[0].text == "rouge1|nrefs:1|stem:no|agg:mean|version:genops-0.1 = precision 1.0000 recall 0.5000 "
                         "fmeasure 0.6500");
  ScoreInput edits;
  edits.hypotheses = {"lewenstein", "abc"};
  edits.references = {{"levenshtein"}, {"xyz", "abd"}};
  const auto per_line = score_segments(settings("levenshtein"), ScoreMode::per_line, edits);
  CHECK(per_line[0].text == "2\t0.8182");
  CHECK(per_line[1].text == "1\t0.6667");  // the closer of two references
  const auto corpus = score_segments(settings("indel-ratio"), ScoreMode::corpus, edits);
  CHECK(corpus[0].text == "indel-ratio|nrefs:var|unit:codepoint|agg:mean|version:genops-0.1 = similarity 0.7619 "
                          "distance 2.50");
}
