#include "cli/view/html.hpp"

#include <cctype>

#include "core/format.hpp"
#include "eval/reports/escape.hpp"

namespace genops::cli::view {

namespace {

// The only style; fonts are the system's (nothing is fetched).
constexpr std::string_view k_css = R"css(
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fafbfc}
nav{background:#24292f;padding:8px 16px}nav a{color:#fff;margin-right:16px;text-decoration:none}
main{padding:12px 16px}h1{font-size:20px}h2{font-size:16px;margin-top:20px}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #d0d7de;padding:3px 7px;vertical-align:top;text-align:left}
th{background:#f0f3f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#f6f8fa;padding:6px;white-space:pre-wrap;word-break:break-word;max-height:480px;overflow:auto;margin:2px 0}
.pass{color:#1a7f37}.fail{color:#cf222e}.warn{color:#9a6700}.muted{color:#57606a}
.bar{display:inline-block;height:12px;background:#54aeff;vertical-align:middle}
.bar.err{background:#ff8182}.bar.cur{background:#fb8f44}
form.inline{display:inline}label{margin-right:10px}
.add{background:#dafbe1}.del{background:#ffebe9}
)css";

}  // namespace

std::string esc(std::string_view text) { return eval::reports::html_escape(text); }

std::string esc_cut(std::string_view text, std::size_t max_bytes) {
  return esc(eval::reports::truncate_text(text, max_bytes));
}

std::string url_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 0xF];
    }
  }
  return out;
}

std::string Links::url(std::string_view path, Params params) const {
  std::string url(path);
  url += "?token=" + url_encode(m_token);
  for (const auto& [key, value] : params)
    if (!value.empty()) url += "&" + std::string(key) + "=" + url_encode(value);
  return url;
}

std::string Links::a(std::string_view path, Params params, std::string_view text) const {
  return "<a href=\"" + href(path, params) + "\">" + esc(text) + "</a>";
}

std::string Links::token_field() const {
  return "<input type=\"hidden\" name=\"token\" value=\"" + esc(m_token) + "\">";
}

std::string page(const Links& links, std::string_view title, std::string_view body) {
  std::string out = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) +
                    " · genops view</title><style>" + std::string(k_css) + "</style></head><body><nav>" +
                    links.a("/", {}, "genops") + links.a("/prompts", {}, "Prompts") + links.a("/runs", {}, "Runs") +
                    links.a("/evals", {}, "Evals") + links.a("/compare", {}, "Compare") + links.a("/skew", {}, "Skew") +
                    "</nav><main><h1>" + esc(title) + "</h1>";
  out += body;
  out += "</main></body></html>";
  return out;
}

std::string cost_text(double usd) { return "$" + core::format_fixed(usd, usd != 0 && usd < 0.01 ? 6 : 4); }

std::string ms_text(double ms) {
  return ms >= 1000 ? core::format_fixed(ms / 1000, 2) + " s" : core::format_fixed(ms, 0) + " ms";
}

std::string percent_text(double fraction) { return core::format_fixed(fraction * 100, 1) + "%"; }

}  // namespace genops::cli::view
