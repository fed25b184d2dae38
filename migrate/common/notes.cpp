#include "migrate/common/notes.hpp"

#include <algorithm>

namespace genops::migrate {

std::string Location::format() const { return field.empty() ? where : where + ": " + field; }

Location locate(const core::yaml::Node& node) { return locate(node, node.path()); }

Location locate(const core::yaml::Node& node, std::string field) {
  const auto* doc = node.document();
  std::string where = doc ? doc->name() : std::string("<config>");
  where += ":" + std::to_string(node.mark().line) + ":" + std::to_string(node.mark().column);
  return {where, std::move(field)};
}

std::string Unsupported::format() const { return at.format() + ": " + what + " is not supported; use " + instead; }

void Notes::unsupported_item(Location at, std::string what, std::string instead) {
  unsupported.push_back({std::move(at), std::move(what), std::move(instead)});
}

void Notes::warn(std::string text) { warnings.push_back(std::move(text)); }

void Notes::translated(std::string text) {
  if (std::find(translations.begin(), translations.end(), text) == translations.end())
    translations.push_back(std::move(text));
}

std::string notes_markdown(const Notes& notes, const std::vector<std::string>& rules, const std::string& left_out_tail) {
  std::string out;
  for (const auto& rule : rules) out += "* " + rule + "\n";
  for (const auto& t : notes.translations) out += "* " + t + "\n";
  if (!notes.warnings.empty()) {
    out += "\n## Warnings\n\n";
    for (const auto& w : notes.warnings) out += "* " + w + "\n";
  }
  if (!notes.unsupported.empty()) {
    out += "\n## Left out (imported with --skip-unsupported)\n\n";
    for (const auto& u : notes.unsupported) out += "* `" + u.at.format() + "`: " + u.what + " is not supported; use " + u.instead + "\n";
    out += left_out_tail;
  }
  return out;
}

}  // namespace genops::migrate
