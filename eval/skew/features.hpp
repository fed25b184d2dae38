#pragma once
// The features skew derives from each input variable: a kind per variable
// (inferred, or given with --feature NAME:KIND) and the measurements of a
// value of that kind.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace genops::eval::skew {

enum class FeatureKind { text, category, number };

// "text", "category", "number".
const char* to_string(FeatureKind kind);
// Reads a kind; nullopt for anything else.
std::optional<FeatureKind> parse_feature_kind(std::string_view text);

// What the user asked for with --feature NAME[:KIND].
struct FeatureRequest {
  std::string name;
  std::optional<FeatureKind> kind;  // nullopt: inferred
};
// Reads "NAME" or "NAME:KIND"; throws Error(usage) for an unknown kind.
FeatureRequest parse_feature_request(std::string_view text);

// The kind a variable's reference values suggest: number when every value is
// a number (or a string that reads as one), category when the values are
// short (at most 3 words, 40 code points) and few (at most 50 distinct and at
// most half the values, or booleans), text otherwise.
FeatureKind infer_kind(const std::vector<const nlohmann::json*>& values);

// A value as a number: a JSON number, or a string that is one after trimming.
std::optional<double> number_of(const nlohmann::json& value);
// A string as a number, as number_of reads a JSON string.
std::optional<double> number_of_text(std::string_view text);
// A value as text: strings as they are, other values as compact JSON.
std::string text_of(const nlohmann::json& value);

// The measurements of a text variable, in report order.
inline constexpr const char* k_text_measures[] = {"length", "words", "non_letter", "oov"};
inline constexpr const char* k_script_measure = "script";

}  // namespace genops::eval::skew
