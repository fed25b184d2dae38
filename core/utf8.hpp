#pragma once
// The one home of UTF-8 (and the only utf8proc user): strict decoding and
// validation, repair, code-point counting and cutting on a boundary, and the
// Unicode properties the metrics and skew features need (general category,
// simple lower-case mapping). Everywhere, an invalid byte is one unit: it
// decodes to U+FFFD, counts as one code point and is repaired to one U+FFFD.
// Strict means what RFC 3629 allows: no overlong forms, no surrogates, nothing
// past U+10FFFF.
#include <cstddef>
#include <string>
#include <string_view>

namespace genops::core::utf8 {

inline constexpr char32_t k_replacement = 0xFFFD;

// One decoded unit of UTF-8 text.
struct Decoded {
  char32_t code_point = k_replacement;
  std::size_t length = 1;  // bytes consumed, 1 to 4
  bool valid = false;      // false: an invalid byte, decoded as U+FFFD
};

// Decodes the unit at `pos` (< text.size()).
Decoded decode(std::string_view text, std::size_t pos);

// Whether `text` is well-formed UTF-8; on failure `bad_offset` (when given)
// gets the offset of the first invalid byte.
bool is_valid(std::string_view text, std::size_t* bad_offset = nullptr);

// `text` with every invalid byte replaced by U+FFFD.
std::string repair(std::string_view text);

// The number of code points in `text` (an invalid byte counts one).
std::size_t count(std::string_view text);

// The byte offset at which code point number `index` (0-based) starts;
// text.size() when `text` has no more than `index` code points.
std::size_t byte_offset(std::string_view text, std::size_t index);

// The largest byte count <= max_bytes that does not cut a code point in two:
// text.substr(0, floor_boundary(text, n)) is a clean prefix.
std::size_t floor_boundary(std::string_view text, std::size_t max_bytes);

// Code points of `text`, invalid bytes as U+FFFD.
std::u32string to_code_points(std::string_view text);

// Appends `code_point` encoded as UTF-8 (a value that is no scalar value,
// such as a surrogate, is appended as U+FFFD).
void append(std::string& out, char32_t code_point);

// Code points encoded as UTF-8.
std::string from_code_points(std::u32string_view code_points);

// Unicode general categories, in utf8proc's (and Unicode's) order, so that
// ranges such as Lu..Lo (letters) or Nd..No (numbers) can be compared.
enum class Category : unsigned char {
  Cn, Lu, Ll, Lt, Lm, Lo, Mn, Mc, Me, Nd, Nl, No, Pc, Pd, Ps, Pe, Pi, Pf, Po,
  Sm, Sc, Sk, So, Zs, Zl, Zp, Cc, Cf, Cs, Co
};

// The general category of `code_point` (Cn for an unassigned or invalid one).
Category category(char32_t code_point);

// Whether `c` lies in [first, last] in the order above.
constexpr bool in_categories(Category c, Category first, Category last) { return c >= first && c <= last; }

// The simple (one code point) lower-case mapping of `code_point`.
char32_t to_lower(char32_t code_point);

}  // namespace genops::core::utf8
