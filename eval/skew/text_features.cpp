#include "eval/skew/text_features.hpp"

#include <array>
#include <cstring>

#include "core/utf8.hpp"

namespace genops::eval::skew {

namespace {

struct Range {
  std::uint32_t first, last;
  const char* script;
};

// Unicode blocks of the scripts reported; letters elsewhere are "Other".
constexpr std::array<Range, 30> k_ranges{{
    {0x0041, 0x024F, "Latin"},     {0x0370, 0x03FF, "Greek"},      {0x0400, 0x052F, "Cyrillic"},
    {0x0530, 0x058F, "Armenian"},  {0x0590, 0x05FF, "Hebrew"},     {0x0600, 0x06FF, "Arabic"},
    {0x0750, 0x077F, "Arabic"},    {0x08A0, 0x08FF, "Arabic"},     {0x0900, 0x097F, "Devanagari"},
    {0x0980, 0x09FF, "Bengali"},   {0x0B80, 0x0BFF, "Tamil"},      {0x0E00, 0x0E7F, "Thai"},
    {0x10A0, 0x10FF, "Georgian"},  {0x1100, 0x11FF, "Hangul"},     {0x1E00, 0x1EFF, "Latin"},
    {0x1F00, 0x1FFF, "Greek"},     {0x3040, 0x309F, "Hiragana"},   {0x30A0, 0x30FF, "Katakana"},
    {0x3130, 0x318F, "Hangul"},    {0x3400, 0x4DBF, "Han"},        {0x4E00, 0x9FFF, "Han"},
    {0xA960, 0xA97F, "Hangul"},    {0xAC00, 0xD7AF, "Hangul"},     {0xF900, 0xFAFF, "Han"},
    {0xFB1D, 0xFB4F, "Hebrew"},    {0xFB50, 0xFDFF, "Arabic"},     {0xFE70, 0xFEFF, "Arabic"},
    {0xFF21, 0xFF5A, "Latin"},     {0xFF66, 0xFF9F, "Katakana"},   {0x20000, 0x2FA1F, "Han"},
}};

constexpr std::uint64_t k_fnv_offset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t k_fnv_prime = 0x100000001b3ULL;

enum class Kind { space, letter, digit, other };

// `category` is read only for a code point beyond ASCII.
Kind classify(std::int32_t cp, core::utf8::Category category) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return Kind::letter;
    if (cp >= '0' && cp <= '9') return Kind::digit;
    if (cp == ' ' || (cp >= '\t' && cp <= '\r')) return Kind::space;
    return Kind::other;
  }
  using C = core::utf8::Category;
  switch (category) {
    case C::Lu: case C::Ll: case C::Lt: case C::Lm: case C::Lo: case C::Mn: case C::Mc: case C::Me:
      return Kind::letter;
    case C::Nd: case C::Nl: case C::No:
      return Kind::digit;
    case C::Zs: case C::Zl: case C::Zp:
      return Kind::space;
    default:
      return Kind::other;
  }
}

// FNV-1a over the lower-cased code point's UTF-8 bytes (prefix-free, so
// words hash alike only when they are alike).
void hash_code_point(std::uint64_t& h, std::int32_t cp) {
  if (cp < 0x80) {
    h ^= static_cast<std::uint64_t>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    h *= k_fnv_prime;
    return;
  }
  std::string bytes;
  core::utf8::append(bytes, core::utf8::to_lower(static_cast<char32_t>(cp)));
  for (const char b : bytes) {
    h ^= static_cast<unsigned char>(b);
    h *= k_fnv_prime;
  }
}

}  // namespace

const char* script_of(std::uint32_t cp) {
  if (cp < 0x80) return "Latin";
  for (const auto& r : k_ranges)
    if (cp >= r.first && cp <= r.last) return r.script;
  return "Other";
}

TextStats analyse_text(std::string_view text, std::vector<std::uint64_t>* word_hashes) {
  TextStats out;
  if (word_hashes) word_hashes->clear();
  std::array<std::pair<const char*, int>, 8> counts{};  // the scripts seen, few per text
  std::size_t n_counts = 0;
  double non_space = 0, non_letter = 0;
  bool in_word = false;
  std::uint64_t h = k_fnv_offset;
  for (std::size_t pos = 0; pos < text.size();) {
    // ASCII without a call; beyond, one decode and one category lookup.
    using C = core::utf8::Category;
    std::int32_t cp = static_cast<unsigned char>(text[pos]);
    C category = C::Ll;
    if (cp < 0x80) {
      pos += 1;
    } else {
      const auto decoded = core::utf8::decode(text, pos);
      cp = static_cast<std::int32_t>(decoded.code_point);
      pos += decoded.length;
      category = core::utf8::category(static_cast<char32_t>(cp));
    }
    out.length += 1;
    const Kind kind = classify(cp, category);
    if (kind != Kind::space) non_space += 1;
    if (kind != Kind::letter && kind != Kind::space) non_letter += 1;
    if (kind == Kind::letter || kind == Kind::digit) {
      if (!in_word) {
        in_word = true;
        out.words += 1;
        h = k_fnv_offset;
      }
      hash_code_point(h, cp);
    } else if (in_word) {
      in_word = false;
      if (word_hashes) word_hashes->push_back(h);
    }
    if (kind == Kind::letter) {
      if (core::utf8::in_categories(category, C::Mn, C::Me)) continue;  // marks follow their letter's script
      const char* s = script_of(static_cast<std::uint32_t>(cp));
      std::size_t i = 0;
      while (i < n_counts && counts[i].first != s) ++i;
      if (i == n_counts && n_counts < counts.size()) counts[n_counts++] = {s, 0};
      if (i < n_counts) ++counts[i].second;
    }
  }
  if (in_word && word_hashes) word_hashes->push_back(h);
  out.non_letter_share = non_space > 0 ? non_letter / non_space : 0;
  int best = 0;
  for (std::size_t i = 0; i < n_counts; ++i)
    if (counts[i].second > best || (counts[i].second == best && best > 0 && std::strcmp(counts[i].first, out.script) < 0)) {
      best = counts[i].second;
      out.script = counts[i].first;
    }
  return out;
}

}  // namespace genops::eval::skew
