#pragma once
// The viewer's HTML: escaping (every text from the store goes through esc()),
// links that carry the session token, and the page frame with its inline CSS.
// Server-rendered: no script is needed to read any page.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace genops::cli::view {

// HTML text or quoted-attribute content (eval::reports::html_escape).
std::string esc(std::string_view text);
// esc() of at most `max_bytes` bytes of `text`, cut at a character boundary with "…".
std::string esc_cut(std::string_view text, std::size_t max_bytes);
// Percent-encoding of a query parameter's value (RFC 3986 unreserved kept).
std::string url_encode(std::string_view text);

using Params = std::initializer_list<std::pair<std::string_view, std::string>>;

// Builds links and forms for one session: every URL carries `token`.
class Links {
 public:
  explicit Links(std::string token) : m_token(std::move(token)) {}
  // "/path?token=…&k=v…"; empty values are left out.
  std::string url(std::string_view path, Params params = {}) const;
  // url() escaped for an attribute.
  std::string href(std::string_view path, Params params = {}) const { return esc(url(path, params)); }
  // <a href=…>esc(text)</a>
  std::string a(std::string_view path, Params params, std::string_view text) const;
  // The hidden token field every form carries.
  std::string token_field() const;
  const std::string& token() const { return m_token; }

 private:
  std::string m_token;
};

// A whole page: the frame (nav, inline CSS), `title` escaped, `body` as given.
std::string page(const Links& links, std::string_view title, std::string_view body);

// "$0.0012", "1.2 s" / "340 ms", "87.5%", for tables.
std::string cost_text(double usd);
std::string ms_text(double ms);
std::string percent_text(double fraction);

}  // namespace genops::cli::view
