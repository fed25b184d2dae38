#include "core/utf8.hpp"

#include <utf8proc.h>

#include <array>
#include <cstdint>

namespace genops::core::utf8 {

static_assert(static_cast<int>(Category::Lu) == UTF8PROC_CATEGORY_LU);
static_assert(static_cast<int>(Category::Nd) == UTF8PROC_CATEGORY_ND);
static_assert(static_cast<int>(Category::Pc) == UTF8PROC_CATEGORY_PC);
static_assert(static_cast<int>(Category::Sm) == UTF8PROC_CATEGORY_SM);
static_assert(static_cast<int>(Category::Zs) == UTF8PROC_CATEGORY_ZS);
static_assert(static_cast<int>(Category::Co) == UTF8PROC_CATEGORY_CO);

Decoded decode(std::string_view text, std::size_t pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return {c, 1, true};
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1Fu;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0Fu;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07u;
  } else {
    return {};  // a continuation byte or 0xF8..0xFF
  }
  if (pos + len > text.size()) return {};
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(text[pos + k]);
    if ((cc & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return {};
  return {static_cast<char32_t>(cp), len, true};
}

bool is_valid(std::string_view text, std::size_t* bad_offset) {
  for (std::size_t i = 0; i < text.size();) {
    const auto d = decode(text, i);
    if (!d.valid) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += d.length;
  }
  return true;
}

std::string repair(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto d = decode(text, i);
    if (d.valid) {
      out.append(text.substr(i, d.length));
    } else {
      out += "\xEF\xBF\xBD";
    }
    i += d.length;
  }
  return out;
}

std::size_t count(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++n) i += decode(text, i).length;
  return n;
}

std::size_t byte_offset(std::string_view text, std::size_t index) {
  std::size_t i = 0;
  for (std::size_t n = 0; n < index && i < text.size(); ++n) i += decode(text, i).length;
  return i;
}

std::size_t floor_boundary(std::string_view text, std::size_t max_bytes) {
  if (max_bytes >= text.size()) return text.size();
  std::size_t i = 0;
  while (i < max_bytes) {
    const auto len = decode(text, i).length;
    if (i + len > max_bytes) break;
    i += len;
  }
  return i;
}

std::u32string to_code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto d = decode(text, i);
    out.push_back(d.code_point);
    i += d.length;
  }
  return out;
}

void append(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
    return;
  }
  if (!utf8proc_codepoint_valid(static_cast<utf8proc_int32_t>(code_point))) code_point = k_replacement;
  std::array<utf8proc_uint8_t, 4> buffer{};
  const auto length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), buffer.data());
  out.append(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(length));
}

std::string from_code_points(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (const char32_t c : code_points) append(out, c);
  return out;
}

Category category(char32_t code_point) {
  if (code_point > 0x10FFFF) return Category::Cn;
  return static_cast<Category>(utf8proc_category(static_cast<utf8proc_int32_t>(code_point)));
}

char32_t to_lower(char32_t code_point) {
  if (code_point > 0x10FFFF) return code_point;
  return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(code_point)));
}

}  // namespace genops::core::utf8
