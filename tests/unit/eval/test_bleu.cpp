// BLEU against sacreBLEU's own published cases (sacreBLEU 2.6.0 sources:
// test/test_bleu.py, test/test_sentence_bleu.py, README.md).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "eval/metrics/bleu.hpp"
#include "eval/metrics/reference_streams.hpp"
#include "eval/metrics/signature.hpp"

using namespace genops::eval::metrics;

namespace {

using Strings = std::vector<std::string>;
using Streams = std::vector<Strings>;

BleuScore corpus(const Strings& hyps, const Streams& streams, const BleuOptions& options) {
  const auto references = references_from_streams(streams, hyps.size());
  return corpus_bleu(hyps, references, options);
}

// sacreBLEU's raw_corpus_bleu(): floor smoothing, no tokenization, effective order.
BleuOptions raw_options(std::optional<double> smooth_value) {
  BleuOptions options;
  options.smooth_method = BleuSmoothing::floor;
  options.smooth_value = smooth_value;
  options.tokenize = BleuTokenizer::none;
  options.effective_order = true;
  return options;
}

// The README example, also test_bleu.py's _hyps and _refs.
const Strings k_hyps = {"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."};
const Streams k_refs = {
    {"The dog bit the man.", "It was not unexpected.", "The man bit him first."},
    {"The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."},
};

BleuStats stats(std::vector<std::int64_t> correct, std::vector<std::int64_t> total, std::int64_t sys_len,
                std::int64_t ref_len) {
  return BleuStats{sys_len, ref_len, std::move(correct), std::move(total)};
}

}  // namespace

TEST_CASE("eval::metrics::corpus_bleu: sacrebleu test/test_bleu.py::test_corpus_bleu") {
  constexpr double k_epsilon = 1e-8;
  BleuOptions options;
  SUBCASE("default settings") { CHECK(std::abs(corpus(k_hyps, k_refs, options).score - 48.530827) < k_epsilon); }
  SUBCASE("empty hypotheses are not removed") {
    CHECK(std::abs(corpus({"", "", ""}, k_refs, options).score - 0.0) < k_epsilon);
  }
  SUBCASE("tokenize none") {
    options.tokenize = BleuTokenizer::none;
    CHECK(std::abs(corpus(k_hyps, k_refs, options).score - 49.1919566) < k_epsilon);
  }
  SUBCASE("tokenize 13a") {
    options.tokenize = BleuTokenizer::v13a;
    CHECK(std::abs(corpus(k_hyps, k_refs, options).score - 48.530827) < k_epsilon);
  }
  SUBCASE("tokenize intl") {
    options.tokenize = BleuTokenizer::intl;
    CHECK(std::abs(corpus(k_hyps, k_refs, options).score - 43.91623493) < k_epsilon);
  }
  SUBCASE("smooth none") {
    options.smooth_method = BleuSmoothing::none;
    CHECK(std::abs(corpus(k_hyps, k_refs, options).score - 48.530827) < k_epsilon);
  }
}

TEST_CASE("eval::metrics::corpus_bleu: sacrebleu test/test_bleu.py::test_raw_bleu") {
  constexpr double k_epsilon = 1e-8;
  const auto options = raw_options(0.01);
  // This now returns 0.0 (sacreBLEU #141).
  CHECK(std::abs(corpus({"this is a test", "another test"}, {{"ref1", "ref2"}}, options).score / 100 - 0.0) <
        k_epsilon);
  CHECK(std::abs(corpus({"this is a test"}, {{"this is a test"}}, options).score / 100 - 1.0) < k_epsilon);
  CHECK(std::abs(corpus({"this is a fest"}, {{"this is a test"}}, options).score / 100 - 0.223606797749979) <
        k_epsilon);
}

TEST_CASE("eval::metrics::corpus_bleu: sacrebleu test/test_bleu.py::test_effective_order") {
  constexpr double k_epsilon = 1e-8;
  const auto options = raw_options(0.01);
  CHECK(std::abs(corpus({"test"}, {{"a test"}}, options).score / 100 - 0.3678794411714425) < k_epsilon);
  CHECK(std::abs(corpus({"a test"}, {{"a test"}}, options).score / 100 - 1.0) < k_epsilon);
  CHECK(std::abs(corpus({"a little test"}, {{"a test"}}, options).score / 100 - 0.03218297948685433) < k_epsilon);
}

TEST_CASE("eval::metrics::corpus_bleu: sacrebleu test/test_bleu.py::test_statistics") {
  const auto score =
      corpus({"am I am a character sequence"}, {{"I am a symbol string sequence a a"}}, raw_options(0.01));
  CHECK(score.counts == std::vector<double>{4, 2, 1, 0});
  CHECK(score.totals == std::vector<double>{6, 5, 4, 3});
}

TEST_CASE("eval::metrics::compute_bleu: sacrebleu test/test_bleu.py::test_scoring") {
  BleuOptions options;
  options.smooth_method = BleuSmoothing::none;  // compute_bleu's own default
  const auto score = compute_bleu(stats({9, 7, 5, 3}, {10, 8, 6, 4}, 11, 11), options);
  CHECK(std::abs(score.score / 100 - 0.8375922397) < 1e-8);
}

TEST_CASE("eval::metrics::corpus_bleu: sacrebleu test/test_bleu.py::test_offset") {
  const Strings hyp = {"am I am a character sequence"};
  const Streams ref = {{"I am a symbol string sequence a a"}};
  CHECK(std::abs(corpus(hyp, ref, raw_options(0.0)).score / 100 - 0.0) < 1e-8);
  // An unset smooth_value falls back to floor's 0.1.
  CHECK(std::abs(corpus(hyp, ref, raw_options(std::nullopt)).score / 100 - 0.1555722182) < 1e-8);
}

TEST_CASE("eval::metrics::compute_bleu: sacrebleu test/test_bleu.py::test_degenerate_statistics") {
  const auto floor_with = [](double offset) {
    BleuOptions options;
    options.smooth_method = BleuSmoothing::floor;
    options.smooth_value = offset;
    return options;
  };
  CHECK(compute_bleu(stats({0, 0, 0, 0}, {4, 4, 2, 1}, 0, 1), floor_with(0.0)).score == 0.0);
  CHECK(compute_bleu(stats({0, 0, 0, 0}, {10, 11, 12, 0}, 14, 10), floor_with(0.0)).score == 0.0);
  CHECK(compute_bleu(stats({0, 0, 0, 0}, {0, 0, 0, 0}, 0, 0), floor_with(0.0)).score == 0.0);
  CHECK(compute_bleu(stats({6, 5, 4, 0}, {6, 5, 4, 3}, 6, 6), floor_with(0.0)).score == 0.0);
  CHECK(compute_bleu(stats({0, 0, 0, 0}, {0, 0, 0, 0}, 0, 0), floor_with(0.1)).score == 0.0);
  CHECK(compute_bleu(stats({0, 0, 0, 0}, {0, 0, 0, 0}, 1, 5), floor_with(0.01)).score == 0.0);
}

TEST_CASE("eval::metrics::corpus_bleu: sacrebleu test/test_bleu.py::test_max_ngram_order") {
  const std::vector<std::pair<int, std::string>> cases = {
      {1, "77.65"}, {2, "60.50"}, {3, "53.93"}, {4, "48.53"}, {5, "46.14"}, {6, "43.28"}};
  for (const auto& [order, expected] : cases) {
    BleuOptions options;
    options.max_ngram_order = order;
    CAPTURE(order);
    CHECK(format_fixed(corpus(k_hyps, k_refs, options).score, 2) == expected);
  }
}

TEST_CASE("eval::metrics::sentence_bleu: sacrebleu test/test_sentence_bleu.py::test_api_sentence_bleu") {
  // Example from sacreBLEU #98.
  const std::string ref = "producţia de zahăr brut se exprimă în zahăr alb;";
  const std::string sys = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";
  struct Case {
    BleuSmoothing method;
    std::optional<double> value;
    bool lowercase;
    BleuTokenizer tokenize;
    double expected;
  };
  const std::vector<Case> cases = {
      {BleuSmoothing::exp, std::nullopt, false, BleuTokenizer::v13a, 8.493},
      {BleuSmoothing::none, std::nullopt, false, BleuTokenizer::v13a, 0.0},
      {BleuSmoothing::floor, std::nullopt, false, BleuTokenizer::v13a, 4.51688},
      {BleuSmoothing::floor, 0.1, false, BleuTokenizer::v13a, 4.51688},
      {BleuSmoothing::floor, 0.5, false, BleuTokenizer::v13a, 10.10},
      {BleuSmoothing::add_k, std::nullopt, false, BleuTokenizer::v13a, 14.882},
      {BleuSmoothing::add_k, 1.0, false, BleuTokenizer::v13a, 14.882},
      {BleuSmoothing::add_k, 2.0, false, BleuTokenizer::v13a, 21.389},
      {BleuSmoothing::exp, std::nullopt, false, BleuTokenizer::none, 7.347},
      {BleuSmoothing::exp, std::nullopt, false, BleuTokenizer::intl, 8.493},
      {BleuSmoothing::exp, std::nullopt, false, BleuTokenizer::character, 40.8759},
      {BleuSmoothing::exp, std::nullopt, true, BleuTokenizer::character, 42.0267},
  };
  for (const auto& c : cases) {
    BleuOptions options;
    options.smooth_method = c.method;
    options.smooth_value = c.value;
    options.lowercase = c.lowercase;
    options.tokenize = c.tokenize;
    options.effective_order = true;
    CAPTURE(bleu_signature(options, "1"));
    const Strings refs = {ref};
    CHECK(std::abs(sentence_bleu(sys, refs, options).score - c.expected) < 1e-3);
  }
}

TEST_CASE("eval::metrics::sentence_bleu: sacrebleu test/test_sentence_bleu.py::test_api_sentence_bleu_zero") {
  // Example from sacreBLEU #141: no match at all is 0 whatever the smoothing.
  for (const auto method : {BleuSmoothing::exp, BleuSmoothing::none, BleuSmoothing::floor, BleuSmoothing::add_k}) {
    BleuOptions options;
    options.smooth_method = method;
    options.effective_order = true;
    const Strings refs = {"okay thanks"};
    CHECK(sentence_bleu("this is a cat", refs, options).score == 0.0);
  }
}

TEST_CASE("eval::metrics::corpus_bleu: sacrebleu README.md examples") {
  SUBCASE("two reference streams") {
    const auto score = corpus(k_hyps, k_refs, BleuOptions{});
    CHECK(format_fixed(score.score, 2) == "48.53");
    CHECK(bleu_verbose(score) == "82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)");
    CHECK(bleu_signature(BleuOptions{}, "2") ==
          "nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:genops-0.1");
  }
  SUBCASE("a variable number of references") {
    std::vector<Strings> references = {
        {"The dog had bit the man."},
        {"It was not unexpected.", "No one was surprised."},
        {"The man bit him first.", "The man had bitten the dog."},
    };
    const auto score = corpus_bleu(k_hyps, references, BleuOptions{});
    CHECK(format_fixed(score.score, 2) == "29.44");
    CHECK(bleu_verbose(score) == "82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)");
    CHECK(nrefs_label(references) == "var");
  }
}

TEST_CASE("eval::metrics::bleu_signature: smoothing values as sacreBLEU prints them") {
  BleuOptions options;
  options.smooth_method = BleuSmoothing::floor;
  CHECK(bleu_signature(options, "1") == "nrefs:1|case:mixed|eff:no|tok:13a|smooth:floor[0.10]|version:genops-0.1");
  options.smooth_method = BleuSmoothing::add_k;
  options.smooth_value = 2;
  options.lowercase = true;
  options.effective_order = true;
  options.tokenize = BleuTokenizer::intl;
  CHECK(bleu_signature(options, "var") == "nrefs:var|case:lc|eff:yes|tok:intl|smooth:add-k[2.00]|version:genops-0.1");
}

TEST_CASE("eval::metrics::parse_bleu_smoothing: names and a did-you-mean") {
  CHECK(parse_bleu_smoothing("add-k").value() == BleuSmoothing::add_k);
  const auto bad = parse_bleu_smoothing("expp");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error() == "unknown smooth_method \"expp\": did you mean \"exp\"?");
}
