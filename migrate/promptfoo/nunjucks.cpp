#include "migrate/promptfoo/nunjucks.hpp"

#include <algorithm>

namespace genops::migrate::promptfoo {

namespace {

bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '-')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '-')) s.remove_suffix(1);
  return s;
}

// `a`, `a.b`, `a.b.c`: the paths Mustache reads the same way.
bool simple_path(std::string_view s) {
  if (s.empty()) return false;
  bool at_start = true;
  for (char c : s) {
    if (at_start) {
      if (!ident_start(c)) return false;
      at_start = false;
    } else if (c == '.') {
      at_start = true;
    } else if (!ident_char(c)) {
      return false;
    }
  }
  return !at_start;
}

std::string describe(std::string_view inner, std::string_view whole) {
  std::string shown(whole.substr(0, std::min<std::size_t>(whole.size(), 60)));
  if (inner.find('|') != std::string_view::npos) return "Nunjucks filter `" + shown + "`";
  if (inner.find('[') != std::string_view::npos) return "Nunjucks index expression `" + shown + "`";
  return "Nunjucks expression `" + shown + "`";
}

}  // namespace

Translated translate_nunjucks(std::string_view text) {
  Translated out;
  int line = 1;
  std::size_t line_start = 0;
  auto problem = [&](std::size_t at, std::string what) {
    out.problems.push_back({line, static_cast<int>(at - line_start) + 1, std::move(what)});
  };
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') {
      out.text += c;
      ++line;
      line_start = ++i;
      continue;
    }
    if (c != '{' || i + 1 >= text.size() || (text[i + 1] != '{' && text[i + 1] != '%' && text[i + 1] != '#')) {
      out.text += c;
      ++i;
      continue;
    }
    char kind = text[i + 1];
    std::string_view closer = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
    auto end = text.find(closer, i + 2);
    if (end == std::string_view::npos) {
      problem(i, "an unterminated Nunjucks `{" + std::string(1, kind) + "`");
      out.text.append(text.substr(i));
      break;
    }
    std::string_view whole = text.substr(i, end + 2 - i);
    std::string_view inner = trim(text.substr(i + 2, end - i - 2));
    if (kind == '#') {
      // a comment: dropped
    } else if (kind == '%') {
      problem(i, "Nunjucks tag `" + std::string(whole.substr(0, std::min<std::size_t>(whole.size(), 60))) + "`");
      out.text.append(whole);
    } else if (simple_path(inner)) {
      std::string root(inner.substr(0, inner.find('.')));
      if (std::find(out.variables.begin(), out.variables.end(), root) == out.variables.end()) out.variables.push_back(root);
      if (inner.find('.') != std::string_view::npos) out.dotted.insert(root);
      out.text += "{{" + std::string(inner) + "}}";
    } else {
      problem(i, describe(inner, whole));
      out.text.append(whole);
    }
    for (char w : whole)
      if (w == '\n') ++line;  // a tag spanning lines (rare); columns after it are approximate
    i = end + 2;
  }
  return out;
}

}  // namespace genops::migrate::promptfoo
