#include "eval/metrics/porter_stemmer.hpp"

#include <array>
#include <span>
#include <utility>

namespace genops::eval::metrics {
namespace {

bool is_vowel_letter(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Porter's consonant: not a vowel letter, and not a 'y' preceded by a consonant.
bool is_consonant(std::string_view word, std::size_t i) {
  if (is_vowel_letter(word[i])) {
    return false;
  }
  if (word[i] == 'y') {
    return i == 0 || !is_consonant(word, i - 1);
  }
  return true;
}

// m in [C](VC){m}[V]: the number of vowel-to-consonant transitions.
int measure(std::string_view stem) {
  int m = 0;
  bool previous_vowel = false;
  for (std::size_t i = 0; i < stem.size(); ++i) {
    const bool consonant = is_consonant(stem, i);
    if (consonant && previous_vowel) {
      ++m;
    }
    previous_vowel = !consonant;
  }
  return m;
}

bool contains_vowel(std::string_view stem) {
  for (std::size_t i = 0; i < stem.size(); ++i) {
    if (!is_consonant(stem, i)) {
      return true;
    }
  }
  return false;
}

bool ends_double_consonant(std::string_view word) {
  return word.size() >= 2 && word.back() == word[word.size() - 2] && is_consonant(word, word.size() - 1);
}

// *o: ends consonant-vowel-consonant, the last not w, x or y; NLTK also accepts
// a two-letter vowel-consonant word.
bool ends_cvc(std::string_view word) {
  const std::size_t n = word.size();
  if (n >= 3 && is_consonant(word, n - 3) && !is_consonant(word, n - 2) && is_consonant(word, n - 1) &&
      word.back() != 'w' && word.back() != 'x' && word.back() != 'y') {
    return true;
  }
  return n == 2 && !is_consonant(word, 0) && is_consonant(word, 1);
}

bool m_positive(std::string_view stem) { return measure(stem) > 0; }
bool m_above_one(std::string_view stem) { return measure(stem) > 1; }
bool m_above_one_after_s_or_t(std::string_view stem) {
  return measure(stem) > 1 && !stem.empty() && (stem.back() == 's' || stem.back() == 't');
}
// NLTK tests "logi" on the word minus "ogi", i.e. the stem plus "l".
bool m_positive_with_l(std::string_view stem) { return measure(std::string(stem) + "l") > 0; }

struct Rule {
  std::string_view suffix;
  std::string_view replacement;
  bool (*condition)(std::string_view stem);  // nullptr: unconditional
};

// The first rule whose suffix matches decides: replaced when its condition
// holds, otherwise the word is left as it is (no later rule is tried).
std::string apply_rules(std::string word, std::span<const Rule> rules) {
  for (const Rule& rule : rules) {
    if (word.size() < rule.suffix.size() || std::string_view(word).substr(word.size() - rule.suffix.size()) != rule.suffix) {
      continue;
    }
    const std::string_view stem = std::string_view(word).substr(0, word.size() - rule.suffix.size());
    if (rule.condition == nullptr || rule.condition(stem)) {
      return std::string(stem) + std::string(rule.replacement);
    }
    return word;
  }
  return word;
}

bool ends_with(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

std::string step1a(std::string word) {
  if (word.size() == 4 && ends_with(word, "ies")) {
    return word.substr(0, 1) + "ie";
  }
  static constexpr std::array<Rule, 4> k_rules = {
      {{"sses", "ss", nullptr}, {"ies", "i", nullptr}, {"ss", "ss", nullptr}, {"s", "", nullptr}}};
  return apply_rules(std::move(word), k_rules);
}

// What follows a successful -ed or -ing removal.
std::string step1b_tidy(std::string stem) {
  static constexpr std::array<Rule, 3> k_rules = {
      {{"at", "ate", nullptr}, {"bl", "ble", nullptr}, {"iz", "ize", nullptr}}};
  for (const Rule& rule : k_rules) {
    if (ends_with(stem, rule.suffix)) {
      return apply_rules(std::move(stem), std::span(&rule, 1));
    }
  }
  if (ends_double_consonant(stem)) {
    const char last = stem.back();
    return last == 'l' || last == 's' || last == 'z' ? stem : stem.substr(0, stem.size() - 1);
  }
  return measure(stem) == 1 && ends_cvc(stem) ? stem + "e" : stem;
}

std::string step1b(std::string word) {
  if (ends_with(word, "ied")) {
    return word.substr(0, word.size() - 3) + (word.size() == 4 ? "ie" : "i");
  }
  if (ends_with(word, "eed")) {
    const std::string stem = word.substr(0, word.size() - 3);
    return measure(stem) > 0 ? stem + "ee" : word;
  }
  for (const std::string_view suffix : {std::string_view("ed"), std::string_view("ing")}) {
    if (ends_with(word, suffix)) {
      std::string stem = word.substr(0, word.size() - suffix.size());
      if (contains_vowel(stem)) {
        return step1b_tidy(std::move(stem));
      }
    }
  }
  return word;
}

std::string step1c(std::string word) {
  // NLTK: y -> i only after a consonant that is not the first letter.
  if (ends_with(word, "y") && word.size() > 2 && is_consonant(word, word.size() - 2)) {
    word.back() = 'i';
  }
  return word;
}

std::string step2(std::string word) {
  if (ends_with(word, "alli") && m_positive(std::string_view(word).substr(0, word.size() - 4))) {
    return step2(word.substr(0, word.size() - 4) + "al");
  }
  static constexpr std::array<Rule, 22> k_rules = {{
      {"ational", "ate", m_positive}, {"tional", "tion", m_positive}, {"enci", "ence", m_positive},
      {"anci", "ance", m_positive},   {"izer", "ize", m_positive},    {"bli", "ble", m_positive},
      {"alli", "al", m_positive},     {"entli", "ent", m_positive},   {"eli", "e", m_positive},
      {"ousli", "ous", m_positive},   {"ization", "ize", m_positive}, {"ation", "ate", m_positive},
      {"ator", "ate", m_positive},    {"alism", "al", m_positive},    {"iveness", "ive", m_positive},
      {"fulness", "ful", m_positive}, {"ousness", "ous", m_positive}, {"aliti", "al", m_positive},
      {"iviti", "ive", m_positive},   {"biliti", "ble", m_positive},  {"fulli", "ful", m_positive},
      {"logi", "log", m_positive_with_l},
  }};
  return apply_rules(std::move(word), k_rules);
}

std::string step3(std::string word) {
  static constexpr std::array<Rule, 7> k_rules = {{
      {"icate", "ic", m_positive}, {"ative", "", m_positive}, {"alize", "al", m_positive},
      {"iciti", "ic", m_positive}, {"ical", "ic", m_positive}, {"ful", "", m_positive},
      {"ness", "", m_positive},
  }};
  return apply_rules(std::move(word), k_rules);
}

std::string step4(std::string word) {
  static constexpr std::array<Rule, 19> k_rules = {{
      {"al", "", m_above_one},   {"ance", "", m_above_one}, {"ence", "", m_above_one},
      {"er", "", m_above_one},   {"ic", "", m_above_one},   {"able", "", m_above_one},
      {"ible", "", m_above_one}, {"ant", "", m_above_one},  {"ement", "", m_above_one},
      {"ment", "", m_above_one}, {"ent", "", m_above_one},  {"ion", "", m_above_one_after_s_or_t},
      {"ou", "", m_above_one},   {"ism", "", m_above_one},  {"ate", "", m_above_one},
      {"iti", "", m_above_one},  {"ous", "", m_above_one},  {"ive", "", m_above_one},
      {"ize", "", m_above_one},
  }};
  return apply_rules(std::move(word), k_rules);
}

std::string step5a(std::string word) {
  if (!ends_with(word, "e")) {
    return word;
  }
  const std::string_view stem = std::string_view(word).substr(0, word.size() - 1);
  const int m = measure(stem);
  return m > 1 || (m == 1 && !ends_cvc(stem)) ? std::string(stem) : word;
}

std::string step5b(std::string word) {
  // NLTK measures the word minus one "l".
  if (ends_with(word, "ll") && measure(std::string_view(word).substr(0, word.size() - 1)) > 1) {
    word.pop_back();
  }
  return word;
}

// NLTK_EXTENSIONS' irregular forms, looked up before any rule.
const std::string_view* irregular_stem(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> k_pool = {{
      {"sky", "sky"},         {"skies", "sky"},       {"dying", "die"},       {"lying", "lie"},
      {"tying", "tie"},       {"news", "news"},       {"innings", "inning"},  {"inning", "inning"},
      {"outings", "outing"},  {"outing", "outing"},   {"cannings", "canning"}, {"canning", "canning"},
      {"howe", "howe"},       {"proceed", "proceed"}, {"exceed", "exceed"},   {"succeed", "succeed"},
  }};
  for (const auto& entry : k_pool) {
    if (entry.first == word) {
      return &entry.second;
    }
  }
  return nullptr;
}

}  // namespace

std::string porter_stem(std::string_view word) {
  if (const auto* irregular = irregular_stem(word)) {
    return std::string(*irregular);
  }
  if (word.size() <= 2) {
    return std::string(word);
  }
  std::string stem = step1a(std::string(word));
  stem = step1b(std::move(stem));
  stem = step1c(std::move(stem));
  stem = step2(std::move(stem));
  stem = step3(std::move(stem));
  stem = step4(std::move(stem));
  stem = step5a(std::move(stem));
  return step5b(std::move(stem));
}

}  // namespace genops::eval::metrics
