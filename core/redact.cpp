#include "core/redact.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <regex>
#include <vector>

namespace genops::core {

namespace {

// The one piece of process-wide state: keys are read from the environment
// anywhere a provider is built, and must be hidden on every sink at once.
struct SecretRegistry {
  std::mutex mutex;
  std::vector<std::string> forms;  // raw, base64 and URL-encoded forms
};

SecretRegistry& registry() {
  static SecretRegistry instance;
  return instance;
}

std::string base64(std::string_view in) {
  static constexpr char k_alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  while (i + 2 < in.size()) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += k_alphabet[(v >> 6) & 63];
    out += k_alphabet[v & 63];
    i += 3;
  }
  // The unpadded prefix is what appears inside any longer base64 text.
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    if (i + 1 < in.size()) out += k_alphabet[(v >> 6) & 63];
  }
  return out;
}

std::string url_encode(std::string_view in) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

void replace_all(std::string& text, std::string_view needle) {
  if (needle.empty()) return;
  std::size_t pos = 0;
  while ((pos = text.find(needle, pos)) != std::string::npos) {
    text.replace(pos, needle.size(), "[REDACTED]");
    pos += 10;
  }
}

// Whether `text` contains a word every key pattern below needs, ignoring case.
bool might_hold_key(std::string_view text) {
  static constexpr std::string_view k_words[] = {"bearer", "key", "authorization", "sk-"};
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char first = lower(text[i]);
    if (first != 'b' && first != 'k' && first != 'a' && first != 's') continue;
    for (auto word : k_words) {
      if (word[0] != first || i + word.size() > text.size()) continue;
      std::size_t j = 1;
      while (j < word.size() && lower(text[i + j]) == word[j]) ++j;
      if (j == word.size()) return true;
    }
  }
  return false;
}

}  // namespace

void register_secret(std::string_view value) {
  if (value.size() < 4) return;
  auto& reg = registry();
  std::lock_guard lock(reg.mutex);
  for (auto form : {std::string(value), base64(value), url_encode(value)}) {
    bool known = false;
    for (const auto& f : reg.forms) known = known || f == form;
    if (!known) reg.forms.push_back(form);
  }
  // Longest first, so a key is replaced whole before any form inside it.
  std::sort(reg.forms.begin(), reg.forms.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string redact(std::string_view text) {
  std::string out(text);
  {
    auto& reg = registry();
    std::lock_guard lock(reg.mutex);
    for (const auto& form : reg.forms) replace_all(out, form);
  }
  // Keys that were never registered still follow recognisable shapes. Each
  // shape contains "bearer", "key", "authorization" or "sk-" (any case), so
  // text without any of them skips the regex, which costs ~0.2 us a byte.
  if (!might_hold_key(out)) return out;
  static const std::regex k_patterns(
      R"((Bearer\s+)[A-Za-z0-9._~+/=-]{8,}|((?:x-api-key|api[-_]?key|authorization)\s*[:=]\s*"?)[^\s"&,]{8,}|\bsk-[A-Za-z0-9_-]{16,})",
      std::regex::icase);
  return std::regex_replace(out, k_patterns, "$1$2[REDACTED]");
}

}  // namespace genops::core
