#include "core/yaml/scalar.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include "core/strings.hpp"

namespace genops::core::yaml {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t skip_digits(std::string_view text, std::size_t i) {
  while (i < text.size() && is_digit(text[i])) ++i;
  return i;
}

// Digits with an optional fraction ("12", "1.5", ".5", "3."); the end of the
// number, or 0 when there is no digit.
std::size_t scan_decimal(std::string_view text, std::size_t i) {
  auto int_end = skip_digits(text, i);
  auto end = int_end;
  if (end < text.size() && text[end] == '.') end = skip_digits(text, end + 1);
  return (int_end > i || end > int_end + 1) ? end : 0;
}

bool is_float_syntax(std::string_view text) {
  std::size_t i = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  auto end = scan_decimal(text, i);
  if (end == 0) return false;
  if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    auto exp = end + 1;
    if (exp < text.size() && (text[exp] == '-' || text[exp] == '+')) ++exp;
    end = skip_digits(text, exp);
    if (end == exp) return false;
  }
  return end == text.size();
}

bool is_int_syntax(std::string_view text) {
  std::size_t i = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  return i < text.size() && skip_digits(text, i) == text.size();
}

std::string_view without_plus(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  return text;
}

}  // namespace

Expected<std::int64_t> parse_int(std::string_view text) {
  if (!is_int_syntax(text)) return unexpected("expected an integer, got " + quote(text));
  auto digits = without_plus(text);
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) {
    return unexpected("expected an integer, got " + quote(text) + " (out of range)");
  }
  return value;
}

Expected<double> parse_double(std::string_view text) {
  if (!is_float_syntax(text)) return unexpected("expected a number, got " + quote(text));
  auto digits = without_plus(text);
  double value = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || !std::isfinite(value)) {
    return unexpected("expected a number, got " + quote(text) + " (out of range)");
  }
  return value;
}

Expected<bool> parse_bool(std::string_view text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return unexpected("expected true or false, got " + quote(text));
}

Expected<std::chrono::milliseconds> parse_duration(std::string_view text) {
  auto bad = [&] { return unexpected("expected a duration like 30s, 500ms or 2m, got " + quote(text)); };
  auto end = scan_decimal(text, 0);
  if (end == 0) return bad();
  auto unit = text.substr(end);
  double factor = 0;
  if (unit.empty() || unit == "s") factor = 1000;
  else if (unit == "ms") factor = 1;
  else if (unit == "m") factor = 60'000;
  else if (unit == "h") factor = 3'600'000;
  else return bad();
  double number = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, number);
  if (ec != std::errc() || ptr != text.data() + end) return bad();
  double ms = std::round(number * factor);
  // A century of milliseconds: anything longer is a typo, and it keeps the cast exact.
  if (!(ms <= 3.2e12)) return unexpected("duration " + quote(text) + " is too long");
  return std::chrono::milliseconds(static_cast<std::int64_t>(ms));
}

bool is_number(std::string_view text) { return is_float_syntax(text); }

}  // namespace genops::core::yaml
