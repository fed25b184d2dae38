#include "migrate/promptfoo/project_writer.hpp"

#include <algorithm>

#include "core/yaml/emit.hpp"

namespace genops::migrate::promptfoo {

namespace {

using ojson = nlohmann::ordered_json;
using core::yaml::Comments;
using core::yaml::emit_yaml;

// The declared type of an input: what the cases give it, else an object when
// the prompt reads a field of it, else text.
std::string input_type(const Project& project, const ImportedPrompt& prompt, const std::string& name) {
  for (const auto& c : project.cases) {
    if (!c.vars.contains(name)) continue;
    if (c.vars[name].is_object()) return "object";
    if (c.vars[name].is_array()) return "array";
  }
  return prompt.dotted.count(name) ? "object" : "string";
}

std::vector<std::string> input_names(const Project& project, const ImportedPrompt& prompt) {
  std::vector<std::string> names = prompt.variables;
  for (const auto& c : project.cases)
    for (const auto& [key, value] : c.vars.items())
      if (std::find(names.begin(), names.end(), key) == names.end()) names.push_back(key);
  return names;
}

ojson asserts_json(const std::vector<MappedAssertion>& asserts, const std::string& pointer, Comments& comments) {
  ojson out = ojson::array();
  for (std::size_t i = 0; i < asserts.size(); ++i) {
    if (!asserts[i].comment.empty()) comments[pointer + "/" + std::to_string(i)] = asserts[i].comment;
    out.push_back(asserts[i].spec);
  }
  return out;
}

}  // namespace

std::string genops_yaml(const Project& project) {
  ojson root = {{"version", 1}, {"store", ".genops/genops.db"}};
  Comments comments = {{"", "Imported from promptfoo by `genops import promptfoo` (see README.md).\n"
                            "Keys are read from the environment variables named by api_key_env, never from this file."}};
  if (!project.providers.empty()) root["defaults"] = {{"provider", project.providers.front().name}};
  ojson providers = ojson::object();
  for (const auto& p : project.providers) {
    providers[p.name] = p.entry;
    std::string note = "promptfoo: " + p.id;
    if (!p.ignored.empty()) {
      note += " (config keys left out:";
      for (const auto& k : p.ignored) note += " " + k;
      note += ")";
    }
    comments["/providers/" + p.name] = note;
  }
  root["providers"] = providers;
  return emit_yaml(root, comments);
}

std::string prompt_yaml(const Project& project, const ImportedPrompt& prompt) {
  ojson root = {{"version", 1}, {"name", prompt.name}};
  Comments comments = {{"", "Imported from promptfoo: " + prompt.source}};
  ojson inputs = ojson::object();
  for (const auto& name : input_names(project, prompt)) {
    std::string type = input_type(project, prompt, name);
    ojson def = type == "object" ? ojson::object() : type == "array" ? ojson::array() : ojson("");
    inputs[name] = {{"type", type}, {"default", def}};
  }
  if (!inputs.empty()) {
    root["inputs"] = inputs;
    comments["/inputs"] = "promptfoo renders a missing variable as empty text, so every input has an empty default";
  }
  if (!project.providers.empty() && project.target_providers > 0) {
    const auto& first = project.providers.front();
    ojson model = {{"provider", first.name}};
    for (const auto& [key, value] : first.settings.items()) model[key] = value;
    root["model"] = model;
    if (project.target_providers > 1)
      comments["/model"] = "model settings from the first provider (" + first.name + "); the eval runs every provider";
  }
  if (prompt.chat) {
    ojson messages = ojson::array();
    for (const auto& m : prompt.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
    root["messages"] = messages;
  } else {
    root["template"] = prompt.messages.front().content;
  }
  return emit_yaml(root, comments);
}

std::string eval_yaml(const Project& project, const ImportedPrompt& prompt) {
  ojson root = {{"version", 1}, {"name", prompt.name}};
  Comments comments = {{"", "Imported from promptfoo: the tests of the config, run on prompt " + prompt.name + "."}};
  if (!project.description.empty()) root["description"] = project.description;
  root["target"] = {{"prompt", "../prompts/" + prompt.name + ".yaml"}};
  if (project.target_providers > 1) {
    ojson names = ojson::array();
    for (std::size_t i = 0; i < project.target_providers; ++i) names.push_back(project.providers[i].name);
    root["providers"] = names;
    comments["/providers"] = "promptfoo's providers: every case runs on each of them";
  }
  ojson defaults = ojson::object();
  if (!project.defaults.judge.empty()) {
    defaults["judge"] = project.defaults.judge;
    comments["/defaults/judge"] = "promptfoo defaultTest.options.provider";
  }
  if (project.defaults.threshold) defaults["threshold"] = *project.defaults.threshold;
  if (!project.defaults.asserts.empty())
    defaults["assert"] = asserts_json(project.defaults.asserts, "/defaults/assert", comments);
  if (!defaults.empty()) root["defaults"] = defaults;
  ojson tests = ojson::array();
  for (std::size_t i = 0; i < project.cases.size(); ++i) {
    const auto& c = project.cases[i];
    ojson t = ojson::object();
    if (!c.description.empty()) t["description"] = c.description;
    t["vars"] = c.vars;
    if (!c.asserts.empty()) t["assert"] = asserts_json(c.asserts, "/tests/" + std::to_string(i) + "/assert", comments);
    tests.push_back(t);
  }
  root["tests"] = tests;
  return emit_yaml(root, comments);
}

}  // namespace genops::migrate::promptfoo
