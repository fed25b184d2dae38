#include "eval/stats/reasons.hpp"
#include "core/format.hpp"
#include "core/utf8.hpp"

#include <cstdio>

namespace genops::eval::stats {

namespace {

std::string fixed3(double value) { return core::format_fixed(value, 3); }

// `text` on one line (runs of whitespace become one space), at most
// `max_bytes` bytes without splitting a UTF-8 sequence, "…" when cut.
std::string one_line(std::string_view text, std::size_t max_bytes) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() > max_bytes + 4) break;  // enough to know it is cut
  }
  if (out.size() <= max_bytes) return out;
  out.resize(core::utf8::floor_boundary(out, max_bytes));
  return out + "\u2026";
}

std::string assertion_reason(const AssertionResult& a) {
  std::string line = a.type + ": ";
  if (a.error) line += "error: ";
  if (!a.reason.empty()) return line + a.reason;
  if (a.score && a.threshold) return line + "score " + fixed3(*a.score) + ", threshold " + fixed3(*a.threshold);
  if (a.score) return line + "score " + fixed3(*a.score);
  return line + "failed";
}

}  // namespace

std::vector<std::string> failure_reasons(const CaseResult& result) {
  std::vector<std::string> reasons;
  if (!result.error.empty()) reasons.push_back("error: " + result.error);
  for (const AssertionResult& a : result.assertions)
    if (!a.pass || a.error) reasons.push_back(assertion_reason(a));
  // A case can fail on its weighted score with every assertion passing.
  if (reasons.empty() && !result.pass) reasons.push_back("case score " + fixed3(result.score) + " below the case threshold");
  return reasons;
}

std::string case_name(const CaseResult& result) {
  constexpr std::size_t k_description_bytes = 80, k_value_bytes = 40, k_vars = 2;
  if (!result.description.empty()) return one_line(result.description, k_description_bytes);
  if (!result.vars.is_object()) return "";
  std::string name;
  std::size_t shown = 0;
  for (const auto& [key, value] : result.vars.items()) {
    if (shown++ == k_vars) break;
    if (!name.empty()) name += ", ";
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    name += one_line(key, k_value_bytes) + "=\"" + one_line(text, k_value_bytes) + "\"";
  }
  return name;
}

}  // namespace genops::eval::stats
