// The Porter stemmer rouge-score uses: NLTK's PorterStemmer() (NLTK_EXTENSIONS).
// Sources: NLTK 3.8 nltk/test/stem.doctest ("Unit tests for the Porter stemmer"),
// nltk/test/unit/test_stem.py::PorterTest, rouge-score tokenizers_test.py.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "eval/metrics/porter_stemmer.hpp"

using namespace genops::eval::metrics;

TEST_CASE("eval::metrics::porter_stem: nltk/test/stem.doctest plurals") {
  const std::vector<std::string> plurals = {
      "caresses", "flies",   "dies",      "mules",       "denied",      "died",      "agreed",
      "owned",    "humbled", "sized",     "meeting",     "stating",     "siezing",   "itemization",
      "sensational", "traditional", "reference", "colonizer", "plotted"};
  std::string singles;
  for (const auto& plural : plurals) {
    singles += (singles.empty() ? "" : " ") + porter_stem(plural);
  }
  CHECK(singles ==
        "caress fli die mule deni die agre own humbl size meet state siez item sensat tradit refer colon plot");
}

TEST_CASE("eval::metrics::porter_stem: nltk/test/unit/test_stem.py::PorterTest::test_oed_bug") {
  CHECK(porter_stem("oed") == "o");
}

TEST_CASE("eval::metrics::porter_stem: rouge-score tokenizers_test.py stems") {
  // "the friends had a meeting" -> the friend had a meet (words of 3 or fewer
  // letters are not stemmed by rouge-score).
  CHECK(porter_stem("friends") == "friend");
  CHECK(porter_stem("meeting") == "meet");
}

TEST_CASE("eval::metrics::porter_stem: where NLTK departs from Snowball's original Porter") {
  // Outputs of NLTK 3.8 PorterStemmer().stem(); Snowball "porter" (libstemmer)
  // gives alwai, ag, arrai, di, ... for the first words here.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"always", "alway"},         {"ages", "age"},          {"array", "array"},        {"dies", "die"},
      {"dying", "die"},            {"apologies", "apolog"},  {"additionally", "addit"}, {"analogy", "analog"},
      {"skies", "sky"},            {"news", "news"},         {"innings", "inning"},     {"generously", "gener"},
      {"happy", "happi"},          {"enjoy", "enjoy"},       {"fully", "fulli"},        {"formally", "formal"},
      {"hopefulli", "hope"},       {"radically", "radic"},   {"logically", "logic"},    {"archaeology", "archaeolog"},
      {"controlling", "control"},  {"rolling", "roll"},      {"spied", "spi"},          {"conflated", "conflat"},
      {"troubled", "troubl"},      {"sized", "size"},        {"hopping", "hop"},        {"falling", "fall"},
      {"hissing", "hiss"},         {"fizzed", "fizz"},       {"failing", "fail"},       {"filing", "file"},
  };
  for (const auto& [word, stem] : cases) {
    CAPTURE(word);
    CHECK(porter_stem(word) == stem);
  }
}
