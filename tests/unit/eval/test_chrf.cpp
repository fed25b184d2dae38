// chrF and chrF++ against sacreBLEU's own published cases (sacreBLEU 2.6.0
// sources: test/test_chrf.py, README.md).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "eval/metrics/chrf.hpp"
#include "eval/metrics/reference_streams.hpp"
#include "eval/metrics/signature.hpp"

using namespace genops::eval::metrics;

namespace {

using Strings = std::vector<std::string>;

// sacrebleu.corpus_chrf(hypotheses, [references], ...): one reference stream.
double corpus_one_stream(const Strings& hyps, const Strings& refs, const ChrfOptions& options) {
  const std::vector<Strings> streams = {refs};
  return corpus_chrf(hyps, references_from_streams(streams, hyps.size()), options);
}

ChrfOptions beta3(bool eps_smoothing) {
  ChrfOptions options;
  options.beta = 3;
  options.eps_smoothing = eps_smoothing;
  return options;
}

struct Case {
  Strings hyps;
  Strings refs;
  double expected;
};

}  // namespace

TEST_CASE("eval::metrics::corpus_chrf: sacrebleu test/test_chrf.py::test_chrf (eps smoothing)") {
  const std::vector<Case> cases = {
      {{"abcdefg"}, {"hijklmnop"}, 0.0},
      {{"a"}, {"b"}, 0.0},
      {{""}, {"b"}, 0.0},
      {{""}, {"ref"}, 0.0},
      {{""}, {"reference"}, 0.0},
      {{"aa"}, {"ab"}, 8.3333},
      {{"a", "b"}, {"a", "c"}, 8.3333},
      {{"a"}, {"a"}, 16.6667},
      {{"a b c"}, {"a b c"}, 50.0},
      {{"a b c"}, {"abc"}, 50.0},
      {{" risk assessment must be made of those who are qualified and expertise in the sector - these are the "
        "scientists ."},
       {"risk assessment has to be undertaken by those who are qualified and expert in that area - that is the "
        "scientists ."},
       63.361730},
      {{" Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. "},
       {"Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."},
       64.1302698},
      {{"Niemand hat die Absicht, eine Mauer zu errichten"},
       {"Niemand hat die Absicht, eine Mauer zu errichten"},
       100.0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.hyps.front());
    CHECK(std::abs(corpus_one_stream(c.hyps, c.refs, beta3(true)) - c.expected) < 1e-4);
  }
}

TEST_CASE("eval::metrics::corpus_chrf: sacrebleu test/test_chrf.py::test_chrf_eff_order") {
  const std::vector<Case> cases = {
      {{"a"}, {"a"}, 100.0},      {{""}, {"reference"}, 0.0},   {{"a b c"}, {"a b c"}, 100.0},
      {{"a b c"}, {"abc"}, 100.0}, {{""}, {"c"}, 0.0},          {{"a", "b"}, {"a", "c"}, 50.0},
      {{"aa"}, {"ab"}, 25.0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.hyps.front());
    CHECK(std::abs(corpus_one_stream(c.hyps, c.refs, beta3(false)) - c.expected) < 1e-4);
  }
}

TEST_CASE("eval::metrics::corpus_chrf: sacrebleu test/test_chrf.py::test_chrf_keep_whitespace") {
  ChrfOptions options = beta3(false);
  options.whitespace = true;
  CHECK(std::abs(corpus_one_stream({"Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich."},
                                   {"Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."},
                                   options) -
                 67.3481606) < 1e-4);
  CHECK(std::abs(corpus_one_stream({"risk assessment must be made of those who are qualified and expertise in the "
                                    "sector - these are the scientists ."},
                                   {"risk assessment has to be undertaken by those who are qualified and expert in "
                                    "that area - that is the scientists ."},
                                   options) -
                 65.2414427) < 1e-4);
}

TEST_CASE("eval::metrics::sentence_chrf: sacrebleu test/test_chrf.py::test_chrf_sentence_level") {
  ChrfOptions options;  // sentence_chrf's defaults: order 6, beta 2
  options.eps_smoothing = true;
  const std::vector<Case> cases = {
      {{"Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře."},
       {"Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře."},
       39.14078509},
      {{"Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři."},
       {"A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři."},
       31.22557079},
      {{"Lapali po dechu, jejich životy skončily dřív, než skutečně začaly."},
       {"Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli."},
       57.15704367},
  };
  for (const auto& c : cases) {
    CHECK(std::abs(sentence_chrf(c.hyps.front(), c.refs, options) - c.expected) < 1e-4);
  }
}

TEST_CASE("eval::metrics::corpus_chrf: sacrebleu README.md examples") {
  const Strings hyps = {"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."};
  const std::vector<Strings> streams = {
      {"The dog bit the man.", "It was not unexpected.", "The man bit him first."},
      {"The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."},
  };
  const auto references = references_from_streams(streams, hyps.size());
  SUBCASE("chrF2 = 59.73") {
    const ChrfOptions options;
    CHECK(format_fixed(corpus_chrf(hyps, references, options), 2) == "59.73");
    CHECK(chrf_name(options) == "chrF2");
    CHECK(chrf_signature(options, "2") == "nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:genops-0.1");
  }
  SUBCASE("chrF2++ (sacreBLEU 2.6.0 prints 59.15310444399262 for this corpus)") {
    const ChrfOptions options = chrf_plus_plus_options();
    CHECK(std::abs(corpus_chrf(hyps, references, options) - 59.15310444399262) < 1e-9);
    CHECK(chrf_name(options) == "chrF2++");
    CHECK(chrf_signature(options, "2") == "nrefs:2|case:mixed|eff:yes|nc:6|nw:2|space:no|version:genops-0.1");
  }
}

TEST_CASE("eval::metrics::corpus_chrf: lowercase follows Python's str.lower") {
  // sacreBLEU 2.6.0, CHRF(lowercase=True) on these segments: 87.70481472081285
  // (final sigma and dotted capital I are where Python's lower() differs from a simple mapping).
  ChrfOptions options;
  options.lowercase = true;
  const Strings hyps = {"ΣΑΣ ΟΔΟΣ", "İstanbul"};
  const std::vector<Strings> references = {{"σας οδος"}, {"istanbul"}};
  CHECK(std::abs(corpus_chrf(hyps, references, options) - 87.70481472081285) < 1e-9);
}
