#include "providers/http/redact_url.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/redact.hpp"

namespace genops::providers::http {

namespace {

constexpr std::string_view k_redacted = "[REDACTED]";

bool is_secret_name(std::string_view name) {
  static constexpr std::array<std::string_view, 7> k_words = {"key",  "token", "secret",    "sig",
                                                              "pass", "auth",  "credential"};
  std::string lowered(name);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(k_words.begin(), k_words.end(),
                     [&](std::string_view word) { return lowered.find(word) != std::string::npos; });
}

std::string redact_query(std::string_view query) {
  std::string out;
  while (true) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && is_secret_name(pair.substr(0, eq))) {
      out.append(pair.substr(0, eq + 1)).append(k_redacted);
    } else {
      out.append(pair);
    }
    if (amp == std::string_view::npos) return out;
    out += '&';
    query.remove_prefix(amp + 1);
  }
}

}  // namespace

std::string redact_url(std::string_view url) {
  constexpr auto npos = std::string_view::npos;
  const std::string text = core::redact(url);
  std::string_view rest = text;
  std::string out;
  const auto scheme = rest.find("://");
  const std::size_t authority = scheme == npos ? 0 : scheme + 3;
  const std::size_t authority_end = std::min(rest.find_first_of("/?#", authority), rest.size());
  const std::string_view host = rest.substr(authority, authority_end - authority);
  out.append(rest.substr(0, authority));
  if (const auto at = host.rfind('@'); at != npos) {
    out.append(k_redacted).append(host.substr(at));
  } else {
    out.append(host);
  }
  rest.remove_prefix(authority_end);
  const auto mark = rest.find_first_of("?#");
  if (mark == npos || rest[mark] == '#') return out.append(rest);
  out.append(rest.substr(0, mark + 1));
  rest.remove_prefix(mark + 1);
  const auto fragment = rest.find('#');
  out.append(redact_query(rest.substr(0, fragment)));
  if (fragment != npos) out.append(rest.substr(fragment));
  return out;
}

}  // namespace genops::providers::http
