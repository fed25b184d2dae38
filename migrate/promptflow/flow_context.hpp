#pragma once
// What the parts of a Prompt flow import share while reading one flow
// (internal to migrate/promptflow/).
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "core/yaml/document.hpp"
#include "migrate/promptflow/import.hpp"

namespace genops::migrate::promptflow {

using ojson = nlohmann::ordered_json;

struct FlowContext {
  std::filesystem::path dir;                   // the flow's folder
  std::map<std::string, std::string> step_of;  // node name -> step id
  std::set<std::string> input_names;
  ojson providers = ojson::object();           // genops.yaml providers
  std::map<std::string, std::string> provider_comments;  // provider name -> comment
  std::set<std::string> copied;                // python files already planned
  ImportPlan& plan;
};

// A node input or output reference as a chain template: `${inputs.x}` ->
// `{{inputs.x}}`, `${node.output.f}` -> `{{steps.node.output.f}}`; other
// scalars as their text. An unknown reference is noted as unsupported.
std::string reference_template(const core::yaml::Node& value, FlowContext& ctx);

// The Mustache path a whole-value template reads ("inputs.x"), or "".
std::string whole_reference(const std::string& tmpl);

// The chain steps of one node (a placeholder transform when it cannot be
// translated and --skip-unsupported is on). `variants` is the node's entry
// under node_variants, when it uses them.
ojson translate_node(const core::yaml::Node& node, const core::yaml::Node* variants, FlowContext& ctx);

// A node name as a genops step id (letters, digits, '_' and '-').
std::string step_id_of(const std::string& name);

}  // namespace genops::migrate::promptflow
