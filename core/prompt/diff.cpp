#include "core/prompt/diff.hpp"

#include <dtl/dtl.hpp>

#include <map>

#include "core/strings.hpp"

namespace genops::core::prompt {

namespace {

std::vector<ValueChange> diff_values(const nlohmann::json& before, const nlohmann::json& after) {
  std::vector<std::pair<std::string, nlohmann::json>> a, b;
  flatten_json(before, "", a);
  flatten_json(after, "", b);
  std::map<std::string, std::pair<std::optional<nlohmann::json>, std::optional<nlohmann::json>>> merged;
  for (auto& [k, v] : a) merged[k].first = v;
  for (auto& [k, v] : b) merged[k].second = v;
  std::vector<ValueChange> out;
  for (auto& [path, values] : merged) {
    if (values.first != values.second) out.push_back({path, values.first, values.second});
  }
  return out;
}

nlohmann::json inputs_as_object(const PromptSpec& spec) {
  auto out = nlohmann::json::object();
  for (const auto& in : spec.inputs) {
    nlohmann::json j = {{"type", in.type}};
    if (in.default_value) j["default"] = *in.default_value;
    if (!in.description.empty()) j["description"] = in.description;
    out[in.name] = j;
  }
  return out;
}

DiffLine to_line(const std::pair<std::string, dtl::elemInfo>& elem) {
  switch (elem.second.type) {
    case dtl::SES_ADD: return {'+', elem.first};
    case dtl::SES_DELETE: return {'-', elem.first};
    default: return {' ', elem.first};
  }
}

}  // namespace

void flatten_json(const nlohmann::json& value, const std::string& prefix,
                  std::vector<std::pair<std::string, nlohmann::json>>& out) {
  if (value.is_object() && !value.empty()) {
    for (const auto& [key, item] : value.items()) flatten_json(item, prefix.empty() ? key : prefix + "." + key, out);
    return;
  }
  if (!prefix.empty()) out.emplace_back(prefix, value);
}

std::vector<std::string> message_lines(const PromptSpec& spec) {
  std::vector<std::string> lines;
  for (const auto& m : spec.messages) {
    lines.push_back("[" + m.role + "]");
    auto content = split_lines(m.content);
    lines.insert(lines.end(), content.begin(), content.end());
  }
  return lines;
}

PromptDiff diff_prompts(const PromptSpec& before, const PromptSpec& after) {
  PromptDiff out;
  auto a = message_lines(before);
  auto b = message_lines(after);
  dtl::Diff<std::string, std::vector<std::string>> diff(a, b);
  diff.compose();
  diff.composeUnifiedHunks();
  for (const auto& h : diff.getUniHunks()) {
    DiffHunk hunk{h.a, h.b, h.c, h.d, {}};
    for (const auto& e : h.common[0]) hunk.lines.push_back(to_line(e));
    for (const auto& e : h.change) hunk.lines.push_back(to_line(e));
    for (const auto& e : h.common[1]) hunk.lines.push_back(to_line(e));
    out.hunks.push_back(std::move(hunk));
  }
  out.model = diff_values(before.model, after.model);
  out.inputs = diff_values(inputs_as_object(before), inputs_as_object(after));
  return out;
}

}  // namespace genops::core::prompt
