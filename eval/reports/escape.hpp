#pragma once
// Escaping user and model text for each report format. Every function first
// replaces invalid UTF-8 with U+FFFD (core::utf8::repair).
#include <cstddef>
#include <string>
#include <string_view>

namespace genops::eval::reports {

// At most `max_bytes` bytes of `text`, cut at a code-point boundary, with "…"
// appended when cut (the result may then be up to 3 bytes longer).
std::string truncate_text(std::string_view text, std::size_t max_bytes);

// XML 1.0 text or attribute content: & < > " ' as entities, tab/newline/CR as
// character references, other characters XML cannot carry (C0 controls,
// U+FFFE, U+FFFF) as U+FFFD. "]]>" comes out as "]]&gt;".
std::string xml_escape(std::string_view text);

// HTML text or quoted attribute content: & < > " ' as entities, C0 controls
// other than tab/newline/CR as U+FFFD.
std::string html_escape(std::string_view text);

// JSON made safe inside <script type="application/json">: every < > & and
// U+2028/U+2029 as \u escapes (valid JSON, so "</script>" and "<!--" cannot occur).
std::string script_safe_json(std::string_view json);

// One RFC 4180 CSV field: quoted when it holds , " CR or LF (quotes doubled).
// A text starting with = + - @ or tab is prefixed with ' so spreadsheets do not
// run it as a formula (OWASP "CSV injection").
std::string csv_text(std::string_view text);

// Inline Markdown for a GitHub comment or table cell: newlines become spaces,
// Markdown punctuation is backslash-escaped, < > & as entities, @ as &#64; (no
// mentions), cut at `max_bytes`.
std::string markdown_inline(std::string_view text, std::size_t max_bytes = 200);

// Text for a terminal: newlines and tabs become spaces, other control
// characters (ESC of ANSI sequences included) '?', cut at `max_bytes`.
std::string terminal_text(std::string_view text, std::size_t max_bytes = 200);

}  // namespace genops::eval::reports
