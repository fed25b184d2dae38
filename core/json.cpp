#include "core/json.hpp"

namespace genops::core {

Expected<nlohmann::json> parse_json(std::string_view text, std::size_t max_depth) {
  bool too_deep = false;
  auto limit = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    if ((event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start) &&
        static_cast<std::size_t>(depth) >= max_depth) {
      too_deep = true;
    }
    return !too_deep;
  };
  try {
    auto value = nlohmann::json::parse(text, limit, true);
    if (too_deep) return unexpected("JSON nested deeper than " + std::to_string(max_depth) + " levels");
    return value;
  } catch (const nlohmann::json::parse_error& e) {
    if (too_deep) return unexpected("JSON nested deeper than " + std::to_string(max_depth) + " levels");
    std::string what = e.what();
    // nlohmann's text starts "[json.exception.parse_error.101] parse error at line 1, column 2: ...".
    auto colon = what.find("] ");
    return unexpected("invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond double's range (1e999): nlohmann's out_of_range.406.
    std::string what = e.what();
    auto colon = what.find("] ");
    return unexpected("invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
  }
}

std::string dump_json(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace genops::core
