#pragma once
// Reading embedding vectors out of provider replies.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/expected.hpp"

namespace genops::providers::common {

// A JSON array of numbers as floats; the error names what is not a number.
core::Expected<std::vector<float>> parse_vector(const nlohmann::json& value);

}  // namespace genops::providers::common
