#pragma once
// The Porter stemmer as rouge-score uses it: NLTK's PorterStemmer() in its
// default NLTK_EXTENSIONS mode (Porter 1980 plus NLTK's departures: a small
// irregular-forms table, "ies"/"ied" on 4-letter words, y->i only after a
// consonant, "alli", "fulli", "logi", "bli", and the 2-letter *o condition).
// Snowball's "porter" (libstemmer) is the original algorithm and stems about
// 1.4 % of English words differently ("always": alway vs alwai), so it is not used.
#include <string>
#include <string_view>

namespace genops::eval::metrics {

// The stem of a lower-case ASCII word ([a-z0-9]). Words of one or two
// characters are returned unchanged, as NLTK does.
std::string porter_stem(std::string_view word);

}  // namespace genops::eval::metrics
