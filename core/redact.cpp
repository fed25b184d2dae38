#include "core/redact.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <vector>

#include "core/regex.hpp"

namespace genops::core {

namespace {

constexpr std::size_t k_min_derived_form_bytes = 8;

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

constexpr char k_base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char k_base64_url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The base64 characters of `value` that do not depend on the bytes around it
// when it starts `skip` (0..2) bytes after a 3-byte boundary of a longer
// encoded text: a key inside base64("Bearer <key>") starts at skip 1. The
// characters that mix the key's bits with a neighbour's are left out.
std::string base64_core(std::string_view value, std::size_t skip, const char* alphabet) {
  std::string bytes(skip, '\0');
  bytes += value;
  const std::size_t first_bit = 8 * skip, end_bit = 8 * bytes.size();
  std::string out;
  for (std::size_t bit = 0; bit + 6 <= end_bit; bit += 6) {
    if (bit < first_bit) continue;
    std::size_t byte = bit / 8;
    unsigned window = static_cast<unsigned>(static_cast<unsigned char>(bytes[byte])) << 8;
    if (byte + 1 < bytes.size()) window |= static_cast<unsigned char>(bytes[byte + 1]);
    out += alphabet[(window >> (10 - bit % 8)) & 63];
  }
  return out;
}

std::string url_encode(std::string_view in, const char* hex) {
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
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

// Whether a key-shaped match can start anywhere: each pattern below begins
// with "bearer", "authorization", "sk-" or "api[-_]?key", ignoring case. A
// cheap scan that spares the regex on most texts.
bool may_hold_shapes(std::string_view text) {
  static constexpr std::string_view k_words[] = {"bearer", "authorization", "sk-", "apikey", "api-key", "api_key"};
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char first = lower(text[i]);
    if (first != 'b' && first != 'a' && first != 's') continue;
    for (auto word : k_words) {
      if (word[0] != first || i + word.size() > text.size()) continue;
      std::size_t j = 1;
      while (j < word.size() && lower(text[i + j]) == word[j]) ++j;
      if (j == word.size()) return true;
    }
  }
  return false;
}

// Replaces key-shaped matches, keeping the "Bearer " or "api_key=" before them.
std::string redact_shapes(std::string text) {
  if (!may_hold_shapes(text)) return text;
  static const Regex k_patterns = Regex::builtin(
      R"re((Bearer\s+)[A-Za-z0-9._~+/=-]{8,}|((?:x-api-key|api[-_]?key|authorization)"?\s*[:=]\s*"?)[^\s"&,]{8,}|\bsk-[A-Za-z0-9_-]{16,})re",
      RegexCase::insensitive);
  return std::move(k_patterns.replace_all(text, R"(\1\2[REDACTED])")).value();
}

// Every form of `value` that redact() replaces: raw, URL-encoded, and base64
// (standard and URL-safe alphabets, at each of the three byte alignments).
std::vector<std::string> secret_forms(std::string_view value) {
  std::vector<std::string> forms = {std::string(value), url_encode(value, "0123456789ABCDEF"),
                                    url_encode(value, "0123456789abcdef")};
  for (std::size_t skip = 0; skip < 3; ++skip) {
    for (const char* alphabet : {k_base64, k_base64_url}) {
      auto form = base64_core(value, skip, alphabet);
      // Too short a fragment would hide ordinary words; keys are far longer.
      if (form.size() >= k_min_derived_form_bytes) forms.push_back(std::move(form));
    }
  }
  return forms;
}

}  // namespace

void register_secret(std::string_view value) {
  if (value.size() < 4) return;
  auto& reg = registry();
  std::lock_guard lock(reg.mutex);
  for (auto& form : secret_forms(value)) {
    bool known = false;
    for (const auto& f : reg.forms) known = known || f == form;
    if (!known) reg.forms.push_back(std::move(form));
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
  // Keys that were never registered still follow recognisable shapes.
  return redact_shapes(std::move(out));
}

bool contains_secret(std::string_view text) {
  auto& reg = registry();
  std::lock_guard lock(reg.mutex);
  for (const auto& form : reg.forms)
    if (text.find(form) != std::string_view::npos) return true;
  return false;
}

}  // namespace genops::core
