#include "eval/skew/features.hpp"

#include <charconv>
#include <cmath>
#include <set>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/strings.hpp"
#include "eval/skew/text_features.hpp"

namespace genops::eval::skew {

const char* to_string(FeatureKind kind) {
  switch (kind) {
    case FeatureKind::text: return "text";
    case FeatureKind::category: return "category";
    case FeatureKind::number: return "number";
  }
  return "text";
}

std::optional<FeatureKind> parse_feature_kind(std::string_view text) {
  if (text == "text") return FeatureKind::text;
  if (text == "category" || text == "categorical") return FeatureKind::category;
  if (text == "number" || text == "numeric") return FeatureKind::number;
  return std::nullopt;
}

FeatureRequest parse_feature_request(std::string_view text) {
  FeatureRequest r;
  const auto colon = text.rfind(':');
  r.name = std::string(colon == std::string_view::npos ? text : text.substr(0, colon));
  if (r.name.empty()) core::fail_usage("--feature " + core::quote(text) + ": no variable name", {"write --feature NAME or NAME:text|category|number"});
  if (colon != std::string_view::npos) {
    r.kind = parse_feature_kind(text.substr(colon + 1));
    if (!r.kind)
      core::fail_usage("--feature " + core::quote(text) + ": unknown kind " + core::quote(text.substr(colon + 1)),
                       {"a kind is text, category or number"});
  }
  return r;
}

std::optional<double> number_of(const nlohmann::json& value) {
  if (value.is_number()) {
    const double v = value.get<double>();
    return std::isfinite(v) ? std::optional(v) : std::nullopt;
  }
  if (!value.is_string()) return std::nullopt;
  return number_of_text(value.get_ref<const std::string&>());
}

std::optional<double> number_of_text(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  if (b == e) return std::nullopt;
  if (s[b] == '+') ++b;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data() + b, s.data() + e, v);
  if (ec != std::errc() || ptr != s.data() + e || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string text_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return core::dump_json(value);
}

FeatureKind infer_kind(const std::vector<const nlohmann::json*>& values) {
  if (values.empty()) return FeatureKind::text;
  bool all_numbers = true, all_bools = true, all_short = true;
  std::set<std::string> distinct;
  for (const auto* v : values) {
    if (!number_of(*v)) all_numbers = false;
    if (!v->is_boolean()) all_bools = false;
    if (v->is_object() || v->is_array()) {
      all_short = false;
      continue;
    }
    const std::string t = text_of(*v);
    const auto stats = analyse_text(t);
    if (stats.words > 3 || stats.length > 40) all_short = false;
    if (distinct.size() <= 50) distinct.insert(t);
  }
  if (all_numbers) return FeatureKind::number;
  if (all_bools) return FeatureKind::category;
  const double n = static_cast<double>(values.size());
  if (all_short && distinct.size() <= 50 && static_cast<double>(distinct.size()) <= std::max(2.0, n / 2))
    return FeatureKind::category;
  return FeatureKind::text;
}

}  // namespace genops::eval::skew
