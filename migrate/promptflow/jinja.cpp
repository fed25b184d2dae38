#include "migrate/promptflow/jinja.hpp"

#include <algorithm>

#include "core/regex.hpp"
#include "core/strings.hpp"

namespace genops::migrate::promptflow {

namespace {

std::vector<std::string> split_whitespace(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

const core::Regex& dotted_path() {
  static const core::Regex k = core::Regex::builtin("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  return k;
}

struct Open {
  enum class Kind { loop, cond } kind;
  std::string var;      // loop variable
  std::string path;     // the Mustache path of the section
  bool inverted = false;
};

class Translator {
 public:
  Translator(std::string_view text, const VarMap& map) : m_text(text), m_map(map) {}

  JinjaResult run() {
    std::size_t i = 0;
    while (i < m_text.size()) {
      auto next = m_text.find('{', i);
      if (next == std::string_view::npos || next + 1 >= m_text.size()) {
        m_out.text.append(m_text.substr(i));
        break;
      }
      char kind = m_text[next + 1];
      if (kind != '{' && kind != '%' && kind != '#') {
        m_out.text.append(m_text.substr(i, next + 1 - i));
        i = next + 1;
        continue;
      }
      m_out.text.append(m_text.substr(i, next - i));
      i = tag(next, kind);
    }
    for (const auto& open : m_open) (void)open, problem(m_text.size(), "an unclosed Jinja2 block");
    return std::move(m_out);
  }

 private:
  std::pair<int, int> position(std::size_t offset) const {
    int line = 1, column = 1;
    for (std::size_t k = 0; k < offset && k < m_text.size(); ++k) {
      if (m_text[k] == '\n') ++line, column = 1;
      else ++column;
    }
    return {line, column};
  }
  void problem(std::size_t offset, std::string what) {
    auto [line, column] = position(offset);
    m_out.problems.push_back({line, column, std::move(what)});
  }

  // Handles the tag at `start` ("{{", "{%" or "{#"); returns where text resumes.
  std::size_t tag(std::size_t start, char kind) {
    std::string close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
    auto end = m_text.find(close, start + 2);
    if (end == std::string_view::npos) {
      problem(start, "an unterminated Jinja2 tag");
      return m_text.size();
    }
    std::string inner(m_text.substr(start + 2, end - start - 2));
    std::size_t resume = end + 2;
    bool strip_before = !inner.empty() && inner.front() == '-';
    bool strip_after = !inner.empty() && inner.back() == '-';
    if (strip_before) inner.erase(0, 1);
    if (strip_after && !inner.empty()) inner.pop_back();
    if (strip_before) {
      auto keep = m_out.text.find_last_not_of(" \t\r\n");
      m_out.text.erase(keep == std::string::npos ? 0 : keep + 1);
    }
    std::string shown(m_text.substr(start, end + 2 - start));
    if (kind == '{') variable(start, core::trim(inner), shown);
    else if (kind == '%') statement(start, core::trim(inner), shown);
    if (strip_after) {
      while (resume < m_text.size() && std::string_view(" \t\r\n").find(m_text[resume]) != std::string_view::npos) ++resume;
    } else if (kind != '{' && resume < m_text.size() && m_text[resume] == '\n') {
      ++resume;  // trim_blocks
    }
    return resume;
  }

  // The Mustache path of a Jinja path, or nullopt with a problem noted.
  std::optional<std::string> path_of(std::size_t at, const std::string& path, bool iterated) {
    auto dot = path.find('.');
    std::string root = path.substr(0, dot);
    std::string rest = dot == std::string::npos ? "" : path.substr(dot + 1);
    for (auto it = m_open.rbegin(); it != m_open.rend(); ++it) {
      if (it->kind == Open::Kind::loop && it->var == root) return rest.empty() ? "." : rest;
    }
    if (std::find(m_out.roots.begin(), m_out.roots.end(), root) == m_out.roots.end()) m_out.roots.push_back(root);
    if (iterated && std::find(m_out.list_roots.begin(), m_out.list_roots.end(), root) == m_out.list_roots.end())
      m_out.list_roots.push_back(root);
    VarTarget target = m_map ? m_map(root) : VarTarget{root, std::nullopt};
    if (target.literal) {
      if (!rest.empty() || iterated) {
        problem(at, "`" + path + "` reads into a literal node input");
        return std::nullopt;
      }
      return std::nullopt;
    }
    return rest.empty() ? target.path : target.path + "." + rest;
  }

  void variable(std::size_t at, const std::string& expr, const std::string& shown) {
    if (!dotted_path().full_match(expr)) {
      std::string what = expr.find('|') != std::string::npos ? "Jinja2 filter" : "Jinja2 expression";
      return problem(at, what + " `" + shown + "`");
    }
    auto root = expr.substr(0, expr.find('.'));
    auto path = path_of(at, expr, false);
    if (path) {
      m_out.text += "{{" + *path + "}}";
    } else if (m_map) {
      auto target = m_map(root);
      if (target.literal && expr == root) m_out.text += *target.literal;
    }
  }

  void statement(std::size_t at, const std::string& body, const std::string& shown) {
    auto words = split_whitespace(body);
    auto unsupported = [&] { problem(at, "Jinja2 tag `" + shown + "`"); };
    if (words.empty()) return unsupported();
    const auto& w = words[0];
    if (w == "for" && words.size() == 4 && words[2] == "in" && dotted_path().full_match(words[3]) &&
        dotted_path().full_match(words[1]) && words[1].find('.') == std::string::npos) {
      auto path = path_of(at, words[3], true);
      if (!path) return;
      m_open.push_back({Open::Kind::loop, words[1], *path, false});
      m_out.text += "{{#" + *path + "}}";
    } else if (w == "if" && (words.size() == 2 || (words.size() == 3 && words[1] == "not"))) {
      const auto& target = words.back();
      if (!dotted_path().full_match(target)) return unsupported();
      auto path = path_of(at, target, false);
      if (!path) return;
      bool inverted = words.size() == 3;
      m_open.push_back({Open::Kind::cond, "", *path, inverted});
      m_out.text += std::string("{{") + (inverted ? "^" : "#") + *path + "}}";
    } else if (w == "else" && words.size() == 1 && !m_open.empty() && m_open.back().kind == Open::Kind::cond) {
      auto& open = m_open.back();
      m_out.text += "{{/" + open.path + "}}{{" + (open.inverted ? "#" : "^") + open.path + "}}";
      open.inverted = !open.inverted;
    } else if ((w == "endfor" || w == "endif") && words.size() == 1 && !m_open.empty() &&
               (m_open.back().kind == Open::Kind::loop) == (w == "endfor")) {
      m_out.text += "{{/" + m_open.back().path + "}}";
      m_open.pop_back();
    } else {
      unsupported();
    }
  }

  std::string_view m_text;
  const VarMap& m_map;
  JinjaResult m_out;
  std::vector<Open> m_open;
};

const core::Regex& role_line() {
  static const core::Regex k = core::Regex::builtin("\\s*#\\s*(?i:(system|user|assistant))\\s*:\\s*");
  return k;
}

// Strips the section tags at the start of `line` into `tags`, tracking `depth`.
std::string strip_leading_tags(const std::string& line, std::string& tags, int& depth) {
  std::size_t i = 0;
  while (line.compare(i, 3, "{{#") == 0 || line.compare(i, 3, "{{^") == 0 || line.compare(i, 3, "{{/") == 0) {
    auto end = line.find("}}", i);
    if (end == std::string::npos) break;
    depth += line[i + 2] == '/' ? -1 : 1;
    tags += line.substr(i, end + 2 - i);
    i = end + 2;
  }
  return line.substr(i);
}

int section_balance(const std::string& text) {
  int depth = 0;
  for (std::size_t i = 0; (i = text.find("{{", i)) != std::string::npos; i += 2) {
    if (i + 2 >= text.size()) break;
    if (text[i + 2] == '#' || text[i + 2] == '^') ++depth;
    else if (text[i + 2] == '/') --depth;
  }
  return depth;
}

}  // namespace

JinjaResult jinja_to_mustache(std::string_view text, const VarMap& map) { return Translator(text, map).run(); }

std::vector<RoleBlock> split_roles(const std::string& mustache, bool& inlined_roles) {
  std::vector<RoleBlock> blocks;
  std::string current_role = "user";
  std::string current;
  int depth = 0;
  auto flush = [&] {
    auto content = core::trim(current);
    if (!content.empty()) blocks.push_back({current_role, content});
    current.clear();
  };
  for (const auto& line : core::split_lines(mustache)) {
    std::string tags;
    int depth_before = depth;
    std::string rest = strip_leading_tags(line, tags, depth);
    auto match = role_line().full_match(rest) ? role_line().find(rest) : std::nullopt;
    if (match && depth == 0) {
      current += tags;
      flush();
      current_role = core::to_lower(*match->groups[1]);
    } else if (match) {
      inlined_roles = true;
      current += tags + core::to_lower(*match->groups[1]) + ":\n";
    } else {
      depth = depth_before;
      current += line + "\n";
      depth += section_balance(line);
    }
  }
  flush();
  return blocks;
}

}  // namespace genops::migrate::promptflow
