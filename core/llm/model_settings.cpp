#include "core/llm/model_settings.hpp"

namespace genops::core::llm {

void apply_model_settings(const nlohmann::json& model, Request& request, nlohmann::json* params) {
  if (!model.is_object()) return;
  for (const auto& [key, value] : model.items()) {
    if (key == "provider") continue;
    if (params) (*params)[key] = value;
    if (key == "model" && value.is_string()) request.model = value.get<std::string>();
    if (key == "temperature" && value.is_number()) request.temperature = value.get<double>();
    if (key == "top_p" && value.is_number()) request.top_p = value.get<double>();
    if (key == "max_tokens" && value.is_number_integer()) request.max_tokens = value.get<std::int64_t>();
    if (key == "seed" && value.is_number_integer()) request.seed = value.get<std::int64_t>();
    if (key == "stop") {
      if (value.is_string()) request.stop.push_back(value.get<std::string>());
      if (value.is_array()) {
        for (const auto& s : value) {
          if (s.is_string()) request.stop.push_back(s.get<std::string>());
        }
      }
    }
    if (key == "response_format") request.response_format = value;
  }
}

}  // namespace genops::core::llm
