#pragma once
// Chain templates: Mustache text (DESIGN §1) compiled once at load time. Every
// variable is bound to what it reads (so a typo fails before any call), plain
// variables become slots that render objects and lists as JSON, and a template
// that is exactly "{{path}}" yields the value itself (a list stays a list).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "chains/reference.hpp"

namespace genops::chains {

class Template {
 public:
  Template() = default;

  const std::string& source() const { return m_source; }
  // Every reference the template reads (for the step graph).
  std::vector<const Reference*> references() const;
  // Whether the template reads nothing (a literal).
  bool is_literal() const { return m_slots.empty() && m_section_refs.empty(); }
  // Whether the template is exactly one "{{path}}", so render_value yields the value itself.
  bool is_whole_value() const { return m_whole.has_value(); }

  // The rendered value: the referenced value (null when absent) for a
  // whole-value template, otherwise the rendered text as a JSON string.
  nlohmann::json render_value(const Scope& scope) const;
  // The rendered text; a whole-value template renders its value as text.
  std::string render_text(const Scope& scope) const;

 private:
  friend struct TemplateCompiler;
  struct Piece {
    std::string literal;
    std::optional<std::size_t> slot;  // index into m_slots
  };
  std::string m_source;
  std::vector<Reference> m_slots;         // plain variables outside sections
  std::vector<Piece> m_pieces;            // the fast path: no sections
  std::optional<std::size_t> m_whole;     // the template is exactly this slot
  bool m_mustache = false;                // sections, comments or delimiters: render with Mustache
  std::string m_mustache_text;            // the source with slots rewritten to {{__v.N}}
  std::vector<Reference> m_section_refs;  // references Mustache resolves itself
};

// Why a template does not compile: a message, hints and the byte offset.
struct TemplateError {
  std::string message;
  std::vector<std::string> hints;
  std::size_t offset = 0;
};

// Compiles `text`, binding its variables against `shape`. Inside a section, a
// name that is not a known root reads a field of the current item.
std::variant<Template, TemplateError> compile_template(std::string_view text, const ScopeShape& shape);

}  // namespace genops::chains
