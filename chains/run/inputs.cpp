// bind_inputs(): a run's given values against the chain's declared inputs.
#include <charconv>

#include "chains/run/run_context.hpp"
#include "core/json.hpp"
#include "core/strings.hpp"

namespace genops::chains::run {

namespace {

bool fits(const nlohmann::json& v, const std::string& type) {
  if (type == "string") return v.is_string();
  if (type == "number") return v.is_number();
  if (type == "integer") return v.is_number_integer();
  if (type == "boolean") return v.is_boolean();
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  return false;
}

// A string (from --var) converted to a declared non-string type.
std::optional<nlohmann::json> convert(const nlohmann::json& value, const std::string& type) {
  if (fits(value, type)) return value;
  if (!value.is_string()) return std::nullopt;
  const auto& s = value.get_ref<const std::string&>();
  if (type == "boolean" && (s == "true" || s == "false")) return s == "true";
  if (type == "integer") {
    long long v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && ptr == s.data() + s.size()) return v;
    return std::nullopt;
  }
  auto parsed = core::parse_json(s);
  if (parsed && fits(*parsed, type)) return *parsed;
  return std::nullopt;
}

}  // namespace

nlohmann::json bind_inputs(const Chain& chain, const nlohmann::json& given) {
  if (!given.is_object()) core::fail_input("chain " + chain.name + ": inputs must be a JSON object");
  std::vector<std::string> declared;
  for (const auto& in : chain.inputs) declared.push_back(in.name);
  for (const auto& [key, _] : given.items()) {
    if (std::find(declared.begin(), declared.end(), key) == declared.end()) {
      std::vector<std::string> hints;
      if (auto m = core::closest_match(key, declared)) hints.push_back("did you mean \"" + *m + "\"?");
      hints.push_back(declared.empty() ? "chain " + chain.name + " declares no inputs"
                                       : "chain " + chain.name + " declares: " + core::join(declared, ", "));
      core::fail_input("chain " + chain.name + ": unknown input " + core::quote(key), hints);
    }
  }
  auto bound = nlohmann::json::object();
  for (const auto& in : chain.inputs) {
    auto it = given.find(in.name);
    if (it == given.end()) {
      if (!in.default_value)
        core::fail_input("chain " + chain.name + ": missing required input " + core::quote(in.name),
                         {"pass it with --var " + in.name + "=VALUE, --vars-file or a field of each --input-file row"});
      bound[in.name] = *in.default_value;
      continue;
    }
    auto value = convert(*it, in.type);
    if (!value)
      core::fail_input("chain " + chain.name + ": input " + core::quote(in.name) + ": expected " + in.type + ", got " +
                       core::quote(it->is_string() ? it->get<std::string>() : core::dump_json(*it)));
    bound[in.name] = std::move(*value);
  }
  return bound;
}

}  // namespace genops::chains::run
