// equals, contains, icontains, contains-any/-all, icontains-any/-all, regex,
// starts-with: deterministic checks on the output text. Score 1 or 0.
#include "core/json.hpp"
#include "core/regex.hpp"
#include "core/strings.hpp"
#include "eval/assertions/family.hpp"
#include "eval/metrics/py_text.hpp"

namespace genops::eval::assertions {

namespace {

enum class Case { sensitive, insensitive };

std::string fold(std::string_view text, Case c) {
  return c == Case::insensitive ? metrics::py_lower(text) : std::string(text);
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + core::quote(item);
  return out;
}

// The needles of a contains-type check, or the error when there are none.
std::optional<std::vector<std::string>> needles(const AssertionSpec& spec, Verdict& missing) {
  auto items = value_list(spec.value);
  if (items.empty()) {
    missing = error_verdict(spec.type + " needs a non-empty value");
    return std::nullopt;
  }
  return items;
}

Verdict contains_one(const AssertionSpec& spec, const AssertionInput& input, Case c) {
  if (spec.value.is_null() || (spec.value.is_string() && spec.value.get<std::string>().empty()))
    return error_verdict(spec.type + " needs a non-empty value");
  std::string needle = value_text(spec.value);
  bool found = fold(input.output, c).find(fold(needle, c)) != std::string::npos;
  return bool_verdict(found, "output does not contain " + core::quote(needle),
                      "output contains " + core::quote(needle));
}

Verdict contains_any(const AssertionSpec& spec, const AssertionInput& input, Case c) {
  Verdict missing;
  auto items = needles(spec, missing);
  if (!items) return missing;
  std::string haystack = fold(input.output, c);
  for (const auto& item : *items) {
    if (haystack.find(fold(item, c)) != std::string::npos)
      return bool_verdict(true, "", "output contains " + core::quote(item));
  }
  return bool_verdict(false, "output contains none of " + quoted_list(*items), "");
}

Verdict contains_all(const AssertionSpec& spec, const AssertionInput& input, Case c) {
  Verdict missing_value;
  auto items = needles(spec, missing_value);
  if (!items) return missing_value;
  std::string haystack = fold(input.output, c);
  std::vector<std::string> missing;
  for (const auto& item : *items) {
    if (haystack.find(fold(item, c)) == std::string::npos) missing.push_back(item);
  }
  return bool_verdict(missing.empty(), "output does not contain " + quoted_list(missing),
                      "output contains all of " + quoted_list(*items));
}

}  // namespace

Verdict check_equals(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  if (spec.value.is_object() || spec.value.is_array()) {
    // A structured value compares as JSON, so key order and spacing do not matter.
    auto parsed = core::parse_json(input.output);
    if (!parsed) return bool_verdict(false, "output is not JSON (" + parsed.error() + ")", "");
    return bool_verdict(*parsed == spec.value, "output " + core::quote(input.output) + " does not equal " +
                                                   core::quote(spec.value.dump()),
                        "output equals " + core::quote(spec.value.dump()));
  }
  std::string expected = value_text(spec.value);
  return bool_verdict(input.output == expected,
                      "output " + core::quote(input.output) + " does not equal " + core::quote(expected),
                      "output equals " + core::quote(expected));
}

Verdict check_contains(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  return contains_one(spec, input, Case::sensitive);
}

Verdict check_icontains(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  return contains_one(spec, input, Case::insensitive);
}

Verdict check_contains_any(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  return contains_any(spec, input, Case::sensitive);
}

Verdict check_icontains_any(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  return contains_any(spec, input, Case::insensitive);
}

Verdict check_contains_all(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  return contains_all(spec, input, Case::sensitive);
}

Verdict check_icontains_all(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  return contains_all(spec, input, Case::insensitive);
}

Verdict check_starts_with(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  if (!spec.value.is_string() || spec.value.get<std::string>().empty())
    return error_verdict("starts-with needs a non-empty string value");
  std::string prefix = spec.value.get<std::string>();
  return bool_verdict(core::starts_with(input.output, prefix),
                      "output does not start with " + core::quote(prefix) + " (it starts " +
                          core::quote(input.output.substr(0, prefix.size())) + ")",
                      "output starts with " + core::quote(prefix));
}

Verdict check_regex(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  if (!spec.value.is_string() || spec.value.get<std::string>().empty())
    return error_verdict("regex needs a non-empty pattern as its value");
  const std::string pattern = spec.value.get<std::string>();
  if (pattern.size() > k_max_regex_pattern_bytes)
    return error_verdict("regex pattern longer than " + std::to_string(k_max_regex_pattern_bytes) + " bytes");
  auto re = core::Regex::compile(pattern);
  if (!re) return error_verdict("invalid regular expression " + core::quote(pattern) + ": " + re.error());
  return bool_verdict(re->search(input.output), "output does not match /" + pattern + "/", "output matches /" + pattern + "/");
}

}  // namespace genops::eval::assertions
