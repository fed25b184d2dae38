#include "core/prompt/template.hpp"

#include <kainjow/mustache.hpp>

#include "core/error.hpp"

namespace genops::core::prompt {

namespace mustache = kainjow::mustache;

namespace {

mustache::data to_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data obj{mustache::data::type::object};
      for (const auto& [key, item] : value.items()) obj.set(key, to_data(item));
      return obj;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& item : value) list.push_back(to_data(item));
      return list;
    }
    case nlohmann::json::value_t::string: {
      // An empty string is falsy in sections, as in mustache.js: {{#context}}…{{/context}}.
      const auto& text = value.get_ref<const std::string&>();
      return text.empty() ? mustache::data(false) : mustache::data(text);
    }
    case nlohmann::json::value_t::boolean: return mustache::data(value.get<bool>());
    case nlohmann::json::value_t::null: return mustache::data(false);
    default: return mustache::data(value.dump());
  }
}

std::string trim_tag(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

Expected<std::vector<TemplateVariable>> scan_template(std::string_view text) {
  std::vector<TemplateVariable> vars;
  std::string open = "{{", close = "}}";
  std::vector<std::string> sections;
  std::size_t pos = 0;
  while ((pos = text.find(open, pos)) != std::string_view::npos) {
    std::size_t start = pos;
    std::size_t body = pos + open.size();
    std::string_view closing = close;
    bool triple = open == "{{" && body < text.size() && text[body] == '{';
    if (triple) closing = "}}}";
    auto end = text.find(closing, body);
    if (end == std::string_view::npos)
      return unexpected("unclosed tag \"" + open + "\" at offset " + std::to_string(start));
    std::string tag(text.substr(body, end - body));
    pos = end + closing.size();
    if (tag.empty()) return unexpected("empty tag at offset " + std::to_string(start));
    char sigil = tag[0];
    if (triple) { tag = tag.substr(1); sigil = '&'; }
    if (sigil == '!') continue;
    if (sigil == '=') {
      auto inner = trim_tag(std::string_view(tag).substr(1, tag.size() >= 2 ? tag.size() - 2 : 0));
      auto space = inner.find(' ');
      if (tag.back() != '=' || space == std::string::npos)
        return unexpected("bad delimiter change at offset " + std::to_string(start));
      open = inner.substr(0, space);
      close = trim_tag(inner.substr(space + 1));
      continue;
    }
    bool sigil_tag = !triple && (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&' || sigil == '>');
    std::string name = trim_tag(sigil_tag ? std::string_view(tag).substr(1) : std::string_view(tag));
    if (name.empty()) return unexpected("empty tag name at offset " + std::to_string(start));
    if (sigil == '>') continue;  // partials are not supported; rendered empty
    if (sigil == '/') {
      if (sections.empty() || sections.back() != name)
        return unexpected("section end \"" + name + "\" at offset " + std::to_string(start) +
                          (sections.empty() ? " has no matching start" : " does not close \"" + sections.back() + "\""));
      sections.pop_back();
      continue;
    }
    if (name != ".") {
      vars.push_back({name, name.substr(0, name.find('.')), start, static_cast<int>(sections.size())});
    }
    if (sigil == '#' || sigil == '^') {
      // Each open section costs the renderer a context frame and a copy of
      // what it encloses: unbounded nesting is unbounded memory.
      if (sections.size() == k_max_section_depth)
        return unexpected("sections nested deeper than " + std::to_string(k_max_section_depth) +
                          " levels at offset " + std::to_string(start));
      sections.push_back(name);
    }
  }
  if (!sections.empty()) return unexpected("section \"" + sections.back() + "\" is never closed");
  return vars;
}

std::string render_template(std::string_view text, const nlohmann::json& vars) {
  // Templates that were not scanned at load (assertion values) are bounded here too.
  if (auto scanned = scan_template(text); !scanned) fail_input("template error: " + scanned.error());
  mustache::mustache tmpl{std::string(text)};
  if (!tmpl.is_valid()) fail_input("template error: " + tmpl.error_message());
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  return tmpl.render(to_data(vars));
}

}  // namespace genops::core::prompt
