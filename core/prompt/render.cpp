#include "core/prompt/render.hpp"

#include <charconv>

#include "core/error.hpp"
#include "core/prompt/template.hpp"
#include "core/strings.hpp"

namespace genops::core::prompt {

namespace {

// A --var value is text; a declared non-string type converts it.
std::optional<nlohmann::json> coerce(const nlohmann::json& value, const std::string& type) {
  if (!value.is_string() || type == "string") {
    if (type == "string") return value.is_string() ? std::optional(value) : std::nullopt;
    if (type == "number" && value.is_number()) return value;
    if (type == "integer" && value.is_number_integer()) return value;
    if (type == "boolean" && value.is_boolean()) return value;
    if (type == "object" && value.is_object()) return value;
    if (type == "array" && value.is_array()) return value;
    return std::nullopt;
  }
  const auto& s = value.get_ref<const std::string&>();
  if (type == "boolean") {
    if (s == "true") return true;
    if (s == "false") return false;
    return std::nullopt;
  }
  if (type == "integer") {
    long long v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && ptr == s.data() + s.size()) return v;
    return std::nullopt;
  }
  auto parsed = nlohmann::json::parse(s, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  if (type == "number" && parsed.is_number()) return parsed;
  if ((type == "object" && parsed.is_object()) || (type == "array" && parsed.is_array())) return parsed;
  return std::nullopt;
}

}  // namespace

nlohmann::json parse_var_assignments(std::span<const std::string> assignments) {
  auto vars = nlohmann::json::object();
  for (const auto& a : assignments) {
    auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0)
      fail_usage("--var " + quote(a) + ": expected NAME=VALUE", {"for example --var question=\"How do I get a refund?\""});
    vars[a.substr(0, eq)] = a.substr(eq + 1);
  }
  return vars;
}

RenderedPrompt render_prompt(const PromptSpec& spec, const nlohmann::json& given, const std::string& ref) {
  RenderedPrompt out;
  out.vars = nlohmann::json::object();
  std::vector<std::string> declared;
  for (const auto& in : spec.inputs) declared.push_back(in.name);
  for (const auto& [key, value] : given.items()) {
    if (std::find(declared.begin(), declared.end(), key) == declared.end()) {
      std::vector<std::string> hints;
      if (auto m = closest_match(key, declared)) hints.push_back("did you mean \"" + *m + "\"?");
      hints.push_back(declared.empty() ? ref + " declares no inputs" : ref + " declares: " + join(declared, ", "));
      fail_input(ref + ": variable " + quote(key) + " is not declared by the prompt", hints);
    }
  }
  for (const auto& in : spec.inputs) {
    if (given.contains(in.name)) {
      auto value = coerce(given.at(in.name), in.type);
      if (!value)
        fail_input(ref + ": variable " + quote(in.name) + ": expected " + in.type + ", got " +
                   quote(given.at(in.name).is_string() ? given.at(in.name).get<std::string>() : given.at(in.name).dump()));
      out.vars[in.name] = *value;
    } else if (in.default_value) {
      out.vars[in.name] = *in.default_value;
    } else {
      fail_input(ref + ": missing required variable " + quote(in.name),
                 {"pass it with --var " + in.name + "=VALUE or in --vars-file"});
    }
  }
  for (const auto& m : spec.messages) out.messages.push_back({m.role, render_template(m.content, out.vars)});
  return out;
}

}  // namespace genops::core::prompt
