#include "migrate/promptfoo/var_expansion.hpp"

namespace genops::migrate::promptfoo {

std::vector<nlohmann::ordered_json> expand_vars(const nlohmann::ordered_json& vars) {
  std::vector<nlohmann::ordered_json> combos = {nlohmann::ordered_json::object()};
  for (const auto& [key, value] : vars.items()) {
    std::vector<nlohmann::ordered_json> values;
    if (value.is_array() && !value.empty() && value[0].is_string()) values.assign(value.begin(), value.end());
    else values.push_back(value);
    std::vector<nlohmann::ordered_json> next;
    next.reserve(combos.size() * values.size());
    for (const auto& combo : combos) {
      for (const auto& v : values) {
        auto c = combo;
        c[key] = v;
        next.push_back(std::move(c));
      }
    }
    combos = std::move(next);
  }
  return combos;
}

}  // namespace genops::migrate::promptfoo
