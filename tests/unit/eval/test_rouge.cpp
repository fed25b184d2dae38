// ROUGE against rouge-score's own published cases (google-research/rouge:
// rouge_scorer_test.py, tokenize_test.py, tokenizers_test.py; the texts are
// its testdata/target.txt, prediction.txt and pyrouge_files/*_multi.0.txt,
// whose expected values come from ROUGE-1.5.5 runs).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "eval/metrics/rouge.hpp"

using namespace genops::eval::metrics;

namespace {

const RougeType k_rouge1{RougeType::Kind::ngram, 1};
const RougeType k_rouge2{RougeType::Kind::ngram, 2};
const RougeType k_rougeL{RougeType::Kind::lcs, 0};
const RougeType k_rougeLsum{RougeType::Kind::lcs_summary, 0};

// testdata/target.txt and prediction.txt, one line per case (readlines keeps the "\n").
const std::vector<std::string> k_targets = {
    "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM "
    "EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n",
    "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing "
    "LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T "
    "BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n",
};
const std::vector<std::string> k_predictions = {
    "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n",
    "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed "
    "nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n",
};

// testdata/pyrouge_files/target_multi.0.txt and prediction_multi.0.txt.
const std::string k_target_multi =
    "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM "
    "EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n"
    "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing "
    "LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T "
    "BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n"
    "NhETebUbBk'er WOvoHMTjSRizKgH'vHiing Xu,hWxfs VkNE QhgKiLHE -HidivzoM.dO anhtion jbLQiSGDTCsuhREebUaKM "
    "dv J dVN tmbOT\n"
    "vMR HDm,xOAetion D,tion HJtodT.mHl UIv-p VjWH'BdyWjnfGU-OjT aEMdFICyLWfQMtion wEMfdOKing AwkeKbO "
    "'DxqNOHBH qKtVvm OYJl mM\n";
const std::string k_prediction_multi =
    "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n"
    "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed "
    "nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n"
    "xfs VkJE QhgKiLHE -HidivzoM.dO anhing jbLQiSGDTCsuhREebUaKM dv J\n"
    "VjWH'BdyWjnfGU-OjTNaEMdFICyLWfQMing wEMfdOKijg AwkeKbO 'DxqNO\n";

// absltest's assertAlmostEqual(expected, actual, places).
void check_places(double expected, double actual, int places) {
  CHECK(std::round(std::abs(expected - actual) * std::pow(10.0, places)) == 0.0);
}

void check_score(const RougeScore& score, double precision, double recall, double fmeasure, int places = 7) {
  check_places(precision, score.precision, places);
  check_places(recall, score.recall, places);
  check_places(fmeasure, score.fmeasure, places);
}

}  // namespace

TEST_CASE("eval::metrics::rouge_score: rouge_scorer_test.py small cases") {
  const RougeOptions options;
  SUBCASE("testRouge1") { check_score(rouge_score(k_rouge1, "testing one two", "testing", options), 1, 1.0 / 3, 0.5); }
  SUBCASE("testRougeEmpty") {
    for (const auto type : {k_rouge1, k_rouge2, k_rougeL, k_rougeLsum}) {
      check_score(rouge_score(type, "testing one two", "", options), 0, 0, 0);
    }
  }
  SUBCASE("testRouge2") {
    check_score(rouge_score(k_rouge2, "testing one two", "testing one", options), 1, 0.5, 2.0 / 3);
  }
  SUBCASE("testRougeLConsecutive") {
    check_score(rouge_score(k_rougeL, "testing one two", "testing one", options), 1, 2.0 / 3, 4.0 / 5);
  }
  SUBCASE("testRougeLNonConsecutive") {
    check_score(rouge_score(k_rougeL, "testing one two", "testing two", options), 1, 2.0 / 3, 4.0 / 5);
  }
  SUBCASE("testMultipleRougeTypes") {
    check_score(rouge_score(k_rouge1, "testing one two", "testing one", options), 1, 2.0 / 3, 4.0 / 5);
    check_score(rouge_score(k_rougeL, "testing one two", "testing one", options), 1, 2.0 / 3, 4.0 / 5);
  }
}

TEST_CASE("eval::metrics::rouge_score: rouge_scorer_test.py against ROUGE-1.5.5") {
  RougeOptions plain;
  RougeOptions stemmed;
  stemmed.use_stemmer = true;
  SUBCASE("testRouge1AgainstRouge155") {
    check_score(rouge_score(k_rouge1, k_targets[0], k_predictions[0], plain), 0.68750, 0.40741, 0.51163, 5);
    check_score(rouge_score(k_rouge1, k_targets[1], k_predictions[1], plain), 0.65385, 0.40476, 0.50000, 5);
  }
  SUBCASE("testRouge1AgainstRouge155WithStemming") {
    check_score(rouge_score(k_rouge1, k_targets[0], k_predictions[0], stemmed), 0.68750, 0.40741, 0.51163, 5);
    check_score(rouge_score(k_rouge1, k_targets[1], k_predictions[1], stemmed), 0.69231, 0.42857, 0.52941, 5);
  }
  SUBCASE("testRouge2AgainstRouge155") {
    check_score(rouge_score(k_rouge2, k_targets[0], k_predictions[0], plain), 0.53333, 0.30769, 0.39024, 5);
    check_score(rouge_score(k_rouge2, k_targets[1], k_predictions[1], plain), 0.48000, 0.29268, 0.36364, 5);
  }
  SUBCASE("testRouge2AgainstRouge155WithStemming") {
    check_score(rouge_score(k_rouge2, k_targets[0], k_predictions[0], stemmed), 0.53333, 0.30769, 0.39024, 5);
    check_score(rouge_score(k_rouge2, k_targets[1], k_predictions[1], stemmed), 0.48000, 0.29268, 0.36364, 5);
  }
  SUBCASE("testRougeLAgainstRouge155") {
    check_score(rouge_score(k_rougeL, k_targets[0], k_predictions[0], plain), 0.68750, 0.40741, 0.51163, 5);
    check_score(rouge_score(k_rougeL, k_targets[1], k_predictions[1], plain), 0.65385, 0.40476, 0.50000, 5);
  }
  SUBCASE("testRougeLSumAgainstRouge155WithStemming") {
    check_score(rouge_score(k_rougeLsum, k_target_multi, k_prediction_multi, stemmed), 0.66667, 0.36538, 0.47205, 5);
  }
}

TEST_CASE("eval::metrics::lcs_indices: rouge_scorer_test.py::testLcsTable") {
  const std::vector<int> ref = {1, 2, 3, 4, 5};
  CHECK(lcs_indices(ref, std::vector<int>{2, 5, 3, 4}) == std::vector<std::size_t>{1, 2, 3});
  CHECK(lcs_indices(ref, std::vector<int>{8, 9}).empty());
}

TEST_CASE("eval::metrics::summary_level_lcs: rouge_scorer_test.py::testUnionLcs and testSummaryLevelLcs") {
  const std::vector<std::vector<int>> refs = {{1, 2, 3, 4, 5}};
  const std::vector<std::vector<int>> candidates = {{1, 2, 6, 7, 8}, {1, 3, 8, 9, 5}};
  // Union LCS [1, 2] u [1, 3, 5] = [1, 2, 3, 5]: 4 hits of 5 reference and 10 candidate tokens.
  const auto score = summary_level_lcs(refs, candidates);
  CHECK(score.recall == 0.8);
  CHECK(score.precision == 0.4);
  check_places(0.5333, score.fmeasure, 3);
  // The tokenizer may drop all tokens, leaving an empty candidate.
  const std::vector<std::vector<int>> empty_candidate = {{}};
  CHECK(summary_level_lcs(std::vector<std::vector<int>>{{7}}, empty_candidate).recall == 0.0);
}

TEST_CASE("eval::metrics::rouge_score: rouge_scorer_test.py::testRougeLsum") {
  const RougeOptions options;
  const auto score = rouge_score(k_rougeLsum, "w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", options);
  check_score(score, 0.4, 0.8, 0.5333, 3);
  check_score(rouge_score(k_rougeLsum, "w1 w2 w3 w4 w5", "", options), 0, 0, 0, 3);
  check_score(rouge_score(k_rougeLsum, "", "w1", options), 0, 0, 0, 3);
  // A summary of non-word characters only.
  check_score(rouge_score(k_rougeLsum, "w1 w2 w3 w4 w5", "/", options), 0, 0, 0, 3);
}

TEST_CASE("eval::metrics::parse_rouge_type: rouge_scorer_test.py::testInvalidRougeTypes and testValidRougeTypes") {
  for (const char* bad : {"rougen", "rouge0", "rouge10"}) {
    CHECK_FALSE(parse_rouge_type(bad).has_value());
  }
  CHECK(parse_rouge_type("rouge0").error() ==
        "unknown ROUGE type \"rouge0\": expected rouge1 to rouge9, rougeL or rougeLsum");
  for (const char* good : {"rouge1", "rouge9", "rougeL", "rougeLsum"}) {
    REQUIRE(parse_rouge_type(good).has_value());
    CHECK(rouge_type_name(parse_rouge_type(good).value()) == good);
  }
}

TEST_CASE("eval::metrics::rouge_tokenize: tokenize_test.py and tokenizers_test.py") {
  const RougeOptions plain;
  CHECK(rouge_tokenize("one Two three", plain) == std::vector<std::string>{"one", "two", "three"});
  CHECK(rouge_tokenize("one\n Two \nthree", plain) == std::vector<std::string>{"one", "two", "three"});
  CHECK(rouge_tokenize("this is a test", plain) == std::vector<std::string>{"this", "is", "a", "test"});
  RougeOptions stemmed;
  stemmed.use_stemmer = true;
  CHECK(rouge_tokenize("the friends had a meeting", stemmed) ==
        std::vector<std::string>{"the", "friend", "had", "a", "meet"});
}

TEST_CASE("eval::metrics::rouge_tokenize: Python's lower() before dropping non-[a-z0-9]") {
  // "İ".lower() is "i" + U+0307 and the Kelvin sign lowers to "k"; other
  // non-ASCII letters separate tokens ("café" -> "caf").
  CHECK(rouge_tokenize("İstanbul \u212Aelvin café", RougeOptions{}) ==
        std::vector<std::string>{"i", "stanbul", "kelvin", "caf"});
}

TEST_CASE("eval::metrics::rouge_score_multi: the target with the best fmeasure") {
  const RougeOptions options;
  const std::vector<std::string> targets = {"testing one two", "testing one", "nothing"};
  check_score(rouge_score_multi(k_rouge1, targets, "testing one", options), 1, 1, 1);
  CHECK_THROWS_WITH(rouge_score_multi(k_rouge1, std::vector<std::string>{}, "x", options),
                    "ROUGE needs at least one reference");
}
