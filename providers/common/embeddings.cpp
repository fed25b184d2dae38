#include "providers/common/embeddings.hpp"

namespace genops::providers::common {

core::Expected<std::vector<float>> parse_vector(const nlohmann::json& value) {
  if (!value.is_array()) return core::unexpected("an embedding is not a list of numbers");
  std::vector<float> out;
  out.reserve(value.size());
  for (const auto& number : value) {
    if (!number.is_number()) return core::unexpected("an embedding holds a non-number");
    out.push_back(number.get<float>());
  }
  return out;
}

}  // namespace genops::providers::common
