#pragma once
// Small string helpers shared by every layer.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace genops::core {

std::vector<std::string> split(std::string_view text, char sep);
std::vector<std::string> split_lines(std::string_view text);  // keeps empty lines, drops final ""
std::string trim(std::string_view text);
std::string join(std::span<const std::string> parts, std::string_view sep);
bool starts_with(std::string_view text, std::string_view prefix);
std::string to_lower(std::string_view text);

// Edit distance in bytes counting adjacent transpositions as one edit
// (optimal string alignment), for did-you-mean on ASCII identifiers.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate to `word` when it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates);

// "did you mean \"x\"?" when there is a close candidate; otherwise "expected one of a, b, c".
std::string suggest(std::string_view word, std::span<const std::string> candidates);

// JSON-style quoting for messages: "abc" with control characters escaped,
// cut at `max_len` bytes with an ellipsis.
std::string quote(std::string_view text, std::size_t max_len = 60);


}  // namespace genops::core
