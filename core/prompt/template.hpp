#pragma once
// Mustache templates (libkainjow-mustache-dev; this is its one home).
// Rendering never HTML-escapes (prompts are not HTML) and never re-expands
// the values it inserts: a value holding "{{x}}" renders as "{{x}}".
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/expected.hpp"

namespace genops::core::prompt {

// A variable a template reads.
struct TemplateVariable {
  std::string name;         // full dotted name, e.g. "steps.docs.output"
  std::string root;         // first segment, e.g. "steps"
  std::size_t offset = 0;   // byte offset of the tag in the template
  int section_depth = 0;    // > 0 when inside a section (it may name an item's field)
};

// How deep sections may nest ({{#a}}{{#b}}… counts 2).
inline constexpr std::size_t k_max_section_depth = 64;

// The variables a template uses, in order, or a message for a syntax error
// (unclosed tag, unbalanced section, sections nested deeper than
// k_max_section_depth) naming the byte offset.
Expected<std::vector<TemplateVariable>> scan_template(std::string_view text);

// Renders `text` with `vars` (a JSON object). Missing variables render empty;
// callers check required variables first. Throws Error(invalid_input) on a
// template syntax error (as scan_template reports it). Memory is linear in
// the template and the output.
std::string render_template(std::string_view text, const nlohmann::json& vars);

}  // namespace genops::core::prompt
