#pragma once
// The few Python 3 `str` semantics the reference metrics depend on (sacreBLEU and
// rouge-score are Python): code points, str.isspace, str.split(), str.rstrip(),
// str.lower(). Reproducing them exactly is what makes our scores equal theirs.
// UTF-8 decoding and the Unicode properties come from core/utf8.hpp.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace genops::eval::metrics {

// Python's str.isspace() for one code point (Unicode White_Space as CPython
// defines it, including U+001C..U+001F and U+0085).
bool is_py_space(char32_t code_point);

// Python's str.split() with no argument: the non-empty runs between whitespace.
// The views point into `text`.
std::vector<std::string_view> py_split(std::string_view text);

// Python's ' '.join(text.split()).
std::string py_join_split(std::string_view text);

// Python's str.rstrip() with no argument.
std::string_view py_rstrip(std::string_view text);

// Python's str.lower(): simple lower-case mapping plus CPython's two special
// cases, U+0130 -> "i\u0307" and the Greek final sigma.
std::string py_lower(std::string_view text);

// rapidfuzz's utils.default_process (its C++ implementation, the one a pip
// install runs): every code point that is not alphanumeric (Python's
// str.isalnum: a letter or a number category; '_' is not) becomes a space, the
// rest its simple lower-case mapping; then leading and trailing spaces go.
std::string rapidfuzz_default_process(std::string_view text);

// Unicode general-category groups used by sacreBLEU's `intl` tokenizer
// (\p{N}, \p{P}, \p{S} in the Python `regex` module). ASCII is answered inline
// (the tokenizer asks for every code point); the rest asks core::utf8.
enum class CategoryGroup : unsigned char { other, number, punctuation, symbol };
CategoryGroup unicode_category_group(char32_t code_point);

constexpr CategoryGroup ascii_category_group(char c) {
  constexpr std::string_view k_punctuation = "!\"#%&'()*,-./:;?@[\\]_{}";
  constexpr std::string_view k_symbols = "$+<=>^`|~";
  if (c >= '0' && c <= '9') return CategoryGroup::number;
  if (k_punctuation.find(c) != std::string_view::npos) return CategoryGroup::punctuation;
  if (k_symbols.find(c) != std::string_view::npos) return CategoryGroup::symbol;
  return CategoryGroup::other;
}

inline CategoryGroup category_group(char32_t code_point) {
  return code_point < 128 ? ascii_category_group(static_cast<char>(code_point)) : unicode_category_group(code_point);
}
inline bool is_number(char32_t c) { return category_group(c) == CategoryGroup::number; }
inline bool is_punctuation(char32_t c) { return category_group(c) == CategoryGroup::punctuation; }
inline bool is_symbol(char32_t c) { return category_group(c) == CategoryGroup::symbol; }

}  // namespace genops::eval::metrics
