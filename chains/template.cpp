#include "chains/template.hpp"

#include "core/prompt/template.hpp"

namespace genops::chains {

namespace {

bool is_known_root(const std::string& root, const ScopeShape& shape) {
  if (root == "inputs" || root == "steps") return true;
  return std::find(shape.locals.begin(), shape.locals.end(), root) != shape.locals.end();
}

// The offset of the variable's name inside its tag, for messages.
std::size_t name_offset(std::string_view text, std::size_t tag) {
  std::size_t pos = tag + 2;
  if (pos < text.size() && (text[pos] == '#' || text[pos] == '^' || text[pos] == '&' || text[pos] == '{')) ++pos;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  return pos;
}

// Puts the value a reference's root names into a Mustache context object.
void add_root(nlohmann::json& context, const Reference& ref, const Scope& scope) {
  Reference root = ref;
  root.rest.clear();
  const nlohmann::json* value = resolve(root, scope);
  nlohmann::json copy = value ? *value : nlohmann::json();
  switch (ref.root) {
    case Reference::Root::input: context["inputs"][ref.name] = std::move(copy); break;
    case Reference::Root::step: context["steps"][ref.name]["output"] = std::move(copy); break;
    case Reference::Root::local: context[ref.name] = std::move(copy); break;
  }
}

}  // namespace

struct TemplateCompiler {
  static std::variant<Template, TemplateError> compile(std::string_view text, const ScopeShape& shape) {
    Template t;
    t.m_source = std::string(text);
    auto scanned = core::prompt::scan_template(text);
    if (!scanned) return TemplateError{"template error: " + scanned.error(), {}, 0};
    bool special = text.find("{{!") != std::string_view::npos || text.find("{{=") != std::string_view::npos ||
                   text.find("{{>") != std::string_view::npos;
    t.m_mustache = special;
    std::size_t literal_start = 0;
    for (const auto& var : *scanned) {
      char sigil = var.offset + 2 < text.size() ? text[var.offset + 2] : ' ';
      bool section = sigil == '#' || sigil == '^';
      if (var.section_depth > 0 && !is_known_root(var.root, shape)) continue;  // an item's field
      auto bound = bind_reference(var.name, shape);
      if (auto* error = std::get_if<BindError>(&bound))
        return TemplateError{error->message, error->hints, name_offset(text, var.offset)};
      auto ref = std::get<Reference>(std::move(bound));
      if (section || var.section_depth > 0 || special) {
        t.m_mustache = t.m_mustache || section;
        t.m_section_refs.push_back(std::move(ref));
        continue;
      }
      bool triple = text.substr(var.offset, 3) == "{{{";
      auto end = text.find(triple ? "}}}" : "}}", var.offset);
      end += triple ? 3 : 2;
      t.m_pieces.push_back({std::string(text.substr(literal_start, var.offset - literal_start)), t.m_slots.size()});
      t.m_slots.push_back(std::move(ref));
      t.m_mustache_text += std::string(text.substr(literal_start, var.offset - literal_start)) + "{{__v." +
                           std::to_string(t.m_slots.size() - 1) + "}}";
      literal_start = end;
    }
    std::string tail(text.substr(literal_start));
    t.m_pieces.push_back({tail, std::nullopt});
    t.m_mustache_text += tail;
    if (special) t.m_mustache_text = t.m_source;
    if (!t.m_mustache && t.m_slots.size() == 1 && t.m_pieces.size() == 2 && t.m_pieces[0].literal.empty() &&
        t.m_pieces[1].literal.empty())
      t.m_whole = 0;
    return t;
  }
};

std::variant<Template, TemplateError> compile_template(std::string_view text, const ScopeShape& shape) {
  return TemplateCompiler::compile(text, shape);
}

std::vector<const Reference*> Template::references() const {
  std::vector<const Reference*> out;
  for (const auto& r : m_slots) out.push_back(&r);
  for (const auto& r : m_section_refs) out.push_back(&r);
  return out;
}

nlohmann::json Template::render_value(const Scope& scope) const {
  if (m_whole) {
    const nlohmann::json* value = resolve(m_slots[*m_whole], scope);
    return value ? *value : nlohmann::json();
  }
  return render_text(scope);
}

std::string Template::render_text(const Scope& scope) const {
  if (!m_mustache) {
    std::string out;
    for (const auto& piece : m_pieces) {
      out += piece.literal;
      if (piece.slot) {
        const nlohmann::json* value = resolve(m_slots[*piece.slot], scope);
        if (value) out += to_text(*value);
      }
    }
    return out;
  }
  auto context = nlohmann::json::object();
  auto slots = nlohmann::json::object();
  for (std::size_t i = 0; i < m_slots.size(); ++i) {
    const nlohmann::json* value = resolve(m_slots[i], scope);
    slots[std::to_string(i)] = value ? to_text(*value) : std::string();
  }
  context["__v"] = std::move(slots);
  for (const auto& ref : m_section_refs) add_root(context, ref, scope);
  return core::prompt::render_template(m_mustache_text, context);
}

}  // namespace genops::chains
