#include "core/yaml/to_json.hpp"

#include <charconv>

#include "core/regex.hpp"

namespace genops::core::yaml {

namespace {

nlohmann::json scalar_to_json(const Node& node) {
  const std::string& s = node.as_string();
  if (node.quoted()) return s;
  if (s == "true") return true;
  if (s == "false") return false;
  if (s == "null" || s == "~") return nullptr;
  static const core::Regex k_int = core::Regex::builtin("[-+]?[0-9]+");
  static const core::Regex k_float = core::Regex::builtin("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  if (k_int.full_match(s)) {
    long long v = 0;
    auto first = s.data() + (s[0] == '+' ? 1 : 0);
    auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
    if (ec == std::errc() && ptr == s.data() + s.size()) return v;
  }
  if (k_float.full_match(s)) return std::stod(s);
  return s;
}

}  // namespace

nlohmann::json to_json(const Node& node) {
  switch (node.kind()) {
    case Node::Kind::null: return nullptr;
    case Node::Kind::scalar: return scalar_to_json(node);
    case Node::Kind::sequence: {
      auto out = nlohmann::json::array();
      for (const auto& item : node.items()) out.push_back(to_json(item));
      return out;
    }
    case Node::Kind::map: {
      auto out = nlohmann::json::object();
      for (const auto& [key, value] : node.entries()) out[key] = to_json(value);
      return out;
    }
  }
  return nullptr;
}

}  // namespace genops::core::yaml
