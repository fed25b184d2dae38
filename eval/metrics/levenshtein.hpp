#pragma once
// Edit distances over Unicode code points, with rapidfuzz's normalisations:
// Levenshtein (insert, delete, substitute, each cost 1) and Indel (insert and
// delete only; rapidfuzz's fuzz.ratio is its normalised similarity times 100).
#include <cstddef>
#include <string_view>

namespace genops::eval::metrics {

// The Levenshtein distance between two UTF-8 strings, in code points.
std::size_t levenshtein_distance(std::string_view a, std::string_view b);

// 1 - distance / max(len a, len b), in 0-1; 1.0 for two empty strings.
// Equals rapidfuzz's Levenshtein.normalized_similarity(a, b).
double levenshtein_similarity(std::string_view a, std::string_view b);

// The Indel distance: len a + len b - 2 * LCS(a, b), in code points.
std::size_t indel_distance(std::string_view a, std::string_view b);

// 1 - indel / (len a + len b), in 0-1; 1.0 for two empty strings. Equals
// rapidfuzz's Indel.normalized_similarity(a, b) and fuzz.ratio(a, b) / 100.
double indel_similarity(std::string_view a, std::string_view b);

}  // namespace genops::eval::metrics
