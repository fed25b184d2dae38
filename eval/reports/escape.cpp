#include "eval/reports/escape.hpp"

#include "core/strings.hpp"
#include "core/utf8.hpp"

namespace genops::eval::reports {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";     // …

bool is_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7F;
}

}  // namespace

std::string truncate_text(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  return std::string(text.substr(0, core::utf8::floor_boundary(text, max_bytes))).append(k_ellipsis);
}

std::string xml_escape(std::string_view raw) {
  const std::string text = core::utf8::repair(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&apos;"; continue;
      case '\t': out += "&#9;"; continue;
      case '\n': out += "&#10;"; continue;
      case '\r': out += "&#13;"; continue;
      default: break;
    }
    if (static_cast<unsigned char>(c) < 0x20) {
      out += k_replacement;
    } else if (text.compare(i, 3, "\xEF\xBF\xBE") == 0 || text.compare(i, 3, "\xEF\xBF\xBF") == 0) {
      out += k_replacement;  // U+FFFE and U+FFFF are not XML characters
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string html_escape(std::string_view raw) {
  const std::string text = core::utf8::repair(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t': case '\n': case '\r': out += c; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += k_replacement;
        else out += c;
    }
  }
  return out;
}

std::string script_safe_json(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (json.compare(i, 3, "\xE2\x80\xA8") == 0) { out += "\\u2028"; i += 2; }
    else if (json.compare(i, 3, "\xE2\x80\xA9") == 0) { out += "\\u2029"; i += 2; }
    else out += c;
  }
  return out;
}

std::string csv_text(std::string_view raw) {
  std::string text = core::utf8::repair(raw);
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t'))
    text.insert(0, 1, '\'');
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string markdown_inline(std::string_view raw, std::size_t max_bytes) {
  const std::string text = truncate_text(core::utf8::repair(raw), max_bytes);
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (const char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '@': out += "&#64;"; break;
      case '\n': case '\r': case '\t': out += ' '; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#': case '~':
        out += '\\';
        out += c;
        break;
      case '+': case '-':  // a list item only at the start
        if (out.empty()) out += '\\';
        out += c;
        break;
      default:
        if (is_control(c)) out += ' ';
        else out += c;
    }
  }
  return out;
}

std::string terminal_text(std::string_view raw, std::size_t max_bytes) {
  const std::string text = truncate_text(core::utf8::repair(raw), max_bytes);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (is_control(c)) {
      out += '?';
    } else if (c == '\xC2' && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      out += '?';  // C1 controls (U+0080..U+009F): U+009B starts an ANSI sequence on some terminals
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace genops::eval::reports
