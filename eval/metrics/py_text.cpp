#include "eval/metrics/py_text.hpp"

#include <algorithm>
#include <array>

#include "core/utf8.hpp"

namespace genops::eval::metrics {
namespace {

using core::utf8::Category;

// The code point at `pos` and its byte length (an invalid byte: U+FFFD, 1).
std::size_t decode_at(std::string_view text, std::size_t pos, char32_t& code_point) {
  const auto d = core::utf8::decode(text, pos);
  code_point = d.code_point;
  return d.length;
}

// Unicode's Cased property, approximated by the letter categories that carry case.
bool is_cased(char32_t code_point) {
  const auto category = core::utf8::category(code_point);
  return category == Category::Lu || category == Category::Ll || category == Category::Lt;
}

// Unicode's Case_Ignorable property: marks, format characters, modifiers and the
// word-internal punctuation of Word_Break MidLetter/MidNumLet/Single_Quote.
bool is_case_ignorable(char32_t code_point) {
  static constexpr std::array<char32_t, 17> k_mid_letters = {
      0x27,   0x2E,   0x3A,   0xB7,   0x387,  0x55F,  0x5F4,  0x2018, 0x2019,
      0x2024, 0x2027, 0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A};
  if (std::find(k_mid_letters.begin(), k_mid_letters.end(), code_point) != k_mid_letters.end()) {
    return true;
  }
  const auto category = core::utf8::category(code_point);
  return category == Category::Mn || category == Category::Me || category == Category::Cf ||
         category == Category::Lm || category == Category::Sk;
}

// CPython's Final_Sigma test: a cased letter before (skipping case-ignorables)
// and no cased letter after (skipping case-ignorables).
bool is_final_sigma(const std::u32string& text, std::size_t index) {
  std::size_t before = index;
  while (before > 0 && is_case_ignorable(text[before - 1])) {
    --before;
  }
  if (before == 0 || !is_cased(text[before - 1])) {
    return false;
  }
  std::size_t after = index + 1;
  while (after < text.size() && is_case_ignorable(text[after])) {
    ++after;
  }
  return after == text.size() || !is_cased(text[after]);
}

}  // namespace

bool is_py_space(char32_t c) {
  if (c <= 0x20) {
    return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  }
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

namespace {

bool is_ascii_space(unsigned char byte) {
  return byte == ' ' || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F);
}

// Calls visit(word) for each whitespace-separated word; ASCII takes a fast path.
template <typename Visit>
void for_each_word(std::string_view text, Visit visit) {
  std::size_t word_start = std::string_view::npos;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    bool space = false;
    std::size_t length = 1;
    if (byte < 0x80) {
      space = is_ascii_space(byte);
    } else {
      char32_t code_point = 0;
      length = decode_at(text, pos, code_point);
      space = is_py_space(code_point);
    }
    if (space) {
      if (word_start != std::string_view::npos) {
        visit(text.substr(word_start, pos - word_start));
        word_start = std::string_view::npos;
      }
    } else if (word_start == std::string_view::npos) {
      word_start = pos;
    }
    pos += length;
  }
  if (word_start != std::string_view::npos) {
    visit(text.substr(word_start));
  }
}

}  // namespace

std::vector<std::string_view> py_split(std::string_view text) {
  std::vector<std::string_view> words;
  for_each_word(text, [&](std::string_view word) { words.push_back(word); });
  return words;
}

std::string py_join_split(std::string_view text) {
  // A byte loop with an ASCII fast path: this runs on every tokenized segment.
  std::string out(text.size(), '\0');
  char* write = out.data();
  bool pending_space = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    std::size_t length = 1;
    bool space = false;
    if (byte < 0x80) {
      space = is_ascii_space(byte);
    } else {
      char32_t code_point = 0;
      length = decode_at(text, pos, code_point);
      space = is_py_space(code_point);
    }
    if (space) {
      pending_space = write != out.data();
    } else {
      if (pending_space) {
        *write++ = ' ';
        pending_space = false;
      }
      for (std::size_t k = 0; k < length; ++k) {
        *write++ = text[pos + k];
      }
    }
    pos += length;
  }
  out.resize(static_cast<std::size_t>(write - out.data()));
  return out;
}

std::string_view py_rstrip(std::string_view text) {
  // Trailing ASCII first; only a trailing non-ASCII byte needs decoding from the start.
  while (!text.empty() && static_cast<unsigned char>(text.back()) < 0x80) {
    if (!is_ascii_space(static_cast<unsigned char>(text.back()))) {
      return text;
    }
    text.remove_suffix(1);
  }
  std::size_t end = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t code_point = 0;
    pos += decode_at(text, pos, code_point);
    if (!is_py_space(code_point)) {
      end = pos;
    }
  }
  return text.substr(0, end);
}

std::string py_lower(std::string_view text) {
  const std::u32string code_points = core::utf8::to_code_points(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < code_points.size(); ++i) {
    const char32_t c = code_points[i];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
    } else if (c == 0x130) {  // LATIN CAPITAL LETTER I WITH DOT ABOVE: the one full mapping
      out.push_back('i');
      core::utf8::append(out, 0x307);
    } else if (c == 0x3A3) {  // GREEK CAPITAL LETTER SIGMA
      core::utf8::append(out, is_final_sigma(code_points, i) ? 0x3C2 : 0x3C3);
    } else {
      core::utf8::append(out, core::utf8::to_lower(c));
    }
  }
  return out;
}

std::string rapidfuzz_default_process(std::string_view text) {
  std::u32string out = core::utf8::to_code_points(text);
  for (auto& c : out) {
    const auto category = core::utf8::category(c);
    const bool alnum = core::utf8::in_categories(category, Category::Lu, Category::Lo) ||
                       core::utf8::in_categories(category, Category::Nd, Category::No);
    c = alnum ? core::utf8::to_lower(c) : U' ';
  }
  const auto first = out.find_first_not_of(U' ');
  if (first == std::u32string::npos) return "";
  const auto last = out.find_last_not_of(U' ');
  return core::utf8::from_code_points(std::u32string_view(out).substr(first, last - first + 1));
}

CategoryGroup unicode_category_group(char32_t code_point) {
  const auto category = core::utf8::category(code_point);
  if (core::utf8::in_categories(category, Category::Nd, Category::No)) return CategoryGroup::number;
  if (core::utf8::in_categories(category, Category::Pc, Category::Po)) return CategoryGroup::punctuation;
  if (core::utf8::in_categories(category, Category::Sm, Category::So)) return CategoryGroup::symbol;
  return CategoryGroup::other;
}

}  // namespace genops::eval::metrics
