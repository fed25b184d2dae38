#include "cli/prompt_json.hpp"


#include "core/error.hpp"
#include "core/prompt/reference.hpp"
#include "core/regex.hpp"
#include "core/strings.hpp"

namespace genops::cli {

nlohmann::json version_json(const core::prompt::PromptVersionRecord& v, bool with_content) {
  nlohmann::json j = {{"name", v.name},       {"version", v.number},   {"ref", v.name + "@" + std::to_string(v.number)},
                      {"hash", v.hash},       {"message", v.message},  {"author", v.author},
                      {"created_at", v.created_at}, {"labels", v.labels}, {"source_path", v.source_path}};
  j["parent"] = v.parent_number ? nlohmann::json(v.parent_number) : nlohmann::json(nullptr);
  if (with_content) j["content"] = nlohmann::json::parse(v.content_json);
  return j;
}

void check_label_name(const std::string& label) {
  static const core::Regex k_label = core::Regex::builtin("[A-Za-z][A-Za-z0-9._-]*");
  if (!k_label.full_match(label) || label.size() > 64 || core::starts_with(label, "sha:"))
    core::fail_usage("label " + core::quote(label) + " is not valid",
                     {"a label starts with a letter and has letters, digits, '.', '_' or '-', e.g. production"});
}

core::prompt::PromptVersionRecord resolve_ref(core::prompt::PromptStore& store, const std::string& ref) {
  return core::prompt::resolve_prompt_ref(store, core::prompt::parse_prompt_ref(ref));
}

}  // namespace genops::cli
