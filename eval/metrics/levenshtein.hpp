#pragma once
// Edit distances over Unicode code points, with rapidfuzz's normalisations:
// Levenshtein (insert, delete, substitute, each cost 1) and Indel (insert and
// delete only; rapidfuzz's fuzz.ratio is its normalised similarity times 100).
#include <cstddef>
#include <string>
#include <string_view>

#include "core/expected.hpp"

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

// What the edits count: code points (rapidfuzz on two strings) or words
// (rapidfuzz on two lists of tokens: Python's str.split(), so a word error
// count, as Levenshtein.distance(["aaaaa", "bbbb"], ["aaaaa", "cccc"]) == 1).
enum class EditUnit { codepoint, word };

// rapidfuzz's `processor` argument: none, or utils.default_process applied to
// both sides first (py_text.hpp: rapidfuzz_default_process).
enum class EditProcessor { none, default_process };

struct EditOptions {
  EditUnit unit = EditUnit::codepoint;
  EditProcessor processor = EditProcessor::none;
};

// A distance in `unit`s and its normalised similarity (0-1).
struct EditResult {
  std::size_t distance = 0;
  double similarity = 1.0;
};

// Levenshtein and Indel under `options`; with the defaults they equal the
// functions above.
EditResult levenshtein_edit(std::string_view a, std::string_view b, const EditOptions& options);
EditResult indel_edit(std::string_view a, std::string_view b, const EditOptions& options);

// "codepoint" or "word"; an error names the value and the choices.
core::Expected<EditUnit> parse_edit_unit(std::string_view text);
// "none" or "default_process"; an error names the value and the choices.
core::Expected<EditProcessor> parse_edit_processor(std::string_view text);
// "codepoint"/"word", "none"/"default_process": as the parameters are written.
std::string_view to_string(EditUnit unit);
std::string_view to_string(EditProcessor processor);

}  // namespace genops::eval::metrics
