#pragma once
// Converts a located YAML node into JSON: unquoted scalars become numbers,
// booleans or null where they read as such; quoted scalars stay strings.
#include <nlohmann/json.hpp>

#include "core/yaml/document.hpp"

namespace genops::core::yaml {

nlohmann::json to_json(const Node& node);

}  // namespace genops::core::yaml
