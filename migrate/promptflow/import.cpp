#include "migrate/promptflow/import.hpp"

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/strings.hpp"
#include "core/yaml/emit.hpp"
#include "core/yaml/to_json.hpp"
#include "migrate/promptflow/flow_context.hpp"
#include "migrate/promptflow/readme.hpp"
#include "migrate/promptflow/runner_script.hpp"

namespace genops::migrate::promptflow {

namespace fs = std::filesystem;
using core::yaml::Node;

namespace {

fs::path flow_file(const fs::path& given) {
  std::error_code ec;
  if (fs::is_directory(given, ec)) {
    if (fs::is_regular_file(given / "flow.dag.yaml", ec)) return given / "flow.dag.yaml";
    if (fs::is_regular_file(given / "flow.dag.yml", ec)) return given / "flow.dag.yml";
    if (fs::is_regular_file(given / "flow.flex.yaml", ec))
      core::fail_input(core::display_path(given / "flow.flex.yaml") + ": a flex flow is not supported",
                       {"genops imports DAG flows (flow.dag.yaml); write the flex flow's entry as a chain with an exec step"});
    core::fail_input(core::display_path(given) + ": no flow.dag.yaml in this folder",
                     {"name the flow: genops import promptflow path/to/flow.dag.yaml"});
  }
  if (!fs::is_regular_file(given, ec))
    core::fail_input(core::display_path(given) + ": no such file",
                     {"name the flow folder or its flow.dag.yaml: genops import promptflow path/to/flow"});
  return given;
}

// Prompt flow input types as genops input types.
std::string input_type(const Node& type) {
  static const std::map<std::string, std::string> k = {{"string", "string"}, {"int", "integer"}, {"double", "number"},
                                                       {"bool", "boolean"},  {"list", "array"},  {"object", "object"}};
  auto it = k.find(type.as_string());
  if (it == k.end()) type.fail("unknown input type " + core::quote(type.as_string()), {"one of: string, int, double, bool, list, object"});
  return it->second;
}

ojson chain_inputs(const Node& inputs, FlowContext& ctx) {
  ojson out = ojson::object();
  for (const auto& [name, spec] : inputs.entries()) {
    ctx.input_names.insert(name);
    ojson in = {{"type", "string"}};
    if (spec.is_map()) {
      if (const auto* t = spec.find("type")) in["type"] = input_type(*t);
      if (const auto* d = spec.find("default")) {
        auto value = core::yaml::to_json(*d);
        if (in["type"] == "string" && !value.is_string()) value = value.is_null() ? "" : value.dump();
        in["default"] = value;
      }
      if (const auto* d = spec.find("description")) in["description"] = d->as_string();
    }
    out[name] = in;
  }
  return out;
}

ojson chain_outputs(const Node& outputs, FlowContext& ctx) {
  ojson out = ojson::object();
  for (const auto& [name, spec] : outputs.entries()) {
    const Node* ref = spec.is_map() ? spec.find("reference") : &spec;
    if (!ref) spec.fail("missing required field \"reference\"");
    out[name] = reference_template(*ref, ctx);
  }
  return out;
}

std::string genops_yaml(const FlowContext& ctx) {
  ojson providers = ctx.providers;
  core::yaml::Comments comments;
  comments[""] = "Written by genops import promptflow. Keys are read from the environment variables named\n"
                 "by api_key_env; set base_url for Azure OpenAI or an OpenAI-compatible server.";
  for (const auto& [name, text] : ctx.provider_comments) comments["/providers/" + name] = text;
  ojson doc = {{"version", 1}, {"store", ".genops/genops.db"}};
  if (!providers.empty()) doc["defaults"] = {{"provider", providers.begin().key()}};
  if (providers.empty()) providers["echo"] = {{"kind", "echo"}};
  doc["providers"] = providers;
  return core::yaml::emit_yaml(doc, comments);
}

[[noreturn]] void fail_unsupported(const Notes& notes, const std::string& flow) {
  std::vector<std::string> lines;
  for (const auto& u : notes.unsupported) lines.push_back("  " + u.format());
  throw core::Error(core::ErrorKind::invalid_input,
                    flow + ": " + std::to_string(notes.unsupported.size()) + " item(s) have no genops counterpart",
                    {"rerun with --skip-unsupported to import the rest; the generated README.md lists what was left out"},
                    std::move(lines));
}

void read_top_level(const Node& root, FlowContext& ctx) {
  static const std::set<std::string> k_ignored = {"$schema", "environment", "name", "description", "tags", "id",
                                                  "inputs", "outputs", "nodes", "node_variants"};
  for (const auto& [key, value] : root.entries())
    if (!k_ignored.count(key))
      ctx.plan.notes.unsupported_item(locate(value), "the flow key `" + key + "`", "files copied into the generated project by hand");
  if (const auto* env = root.find("environment"); env && env->is_map() && env->find("python_requirements_txt"))
    ctx.plan.notes.translated("The flow's Python requirements (" + env->at("python_requirements_txt").as_string() +
                              ") are not installed by genops: install them where `genops run` runs.");
}

}  // namespace

ImportPlan plan_import(const ImportOptions& options) {
  fs::path file = flow_file(options.flow);
  auto doc = core::yaml::Document::load_file(file.string());
  const Node& root = doc->root();
  if (!root.is_map()) root.fail("expected a Prompt flow DAG (a map with inputs, outputs and nodes), got " + root.describe());
  ImportPlan plan;
  FlowContext ctx{file.parent_path(), {}, {}, ojson::object(), {}, {}, plan};
  read_top_level(root, ctx);
  const Node& nodes = root.at("nodes");
  if (!nodes.is_sequence() || nodes.items().empty()) nodes.fail("expected a non-empty list of nodes");
  std::set<std::string> ids;
  for (const auto& node : nodes.items()) {
    const auto& name = node.at("name").as_string();
    auto id = step_id_of(name);
    if (!ids.insert(id).second) node.at("name").fail("two nodes are named " + core::quote(id) + " as genops step ids");
    ctx.step_of[name] = id;
  }
  ojson chain = {{"version", 1}};
  std::string flow_name = step_id_of(fs::absolute(file).lexically_normal().parent_path().filename().string());
  chain["name"] = flow_name;
  chain["description"] = "Imported from Prompt flow " + core::display_path(file);
  if (const auto* inputs = root.find("inputs")) chain["inputs"] = chain_inputs(*inputs, ctx);
  ojson steps = ojson::array();
  const Node* variants = root.find("node_variants");
  for (const auto& node : nodes.items()) {
    const Node* v = nullptr;
    if (const auto* use = node.find("use_variants"); use && use->as_string() == "true") {
      if (!variants || !variants->find(node.at("name").as_string())) use->fail("no node_variants entry for this node");
      v = variants->find(node.at("name").as_string());
    }
    steps.push_back(translate_node(node, v, ctx));
  }
  chain["steps"] = steps;
  if (const auto* outputs = root.find("outputs")) chain["outputs"] = chain_outputs(*outputs, ctx);
  if (!plan.notes.unsupported.empty() && options.skip == SkipUnsupported::no) fail_unsupported(plan.notes, core::display_path(file));
  plan.nodes = nodes.items().size();
  plan.providers = ctx.providers.size();
  plan.chain_file = "chains/" + flow_name + ".yaml";
  if (!ctx.copied.empty()) plan.files.push_back({std::string("chains/") + k_runner_path, runner_script()});
  plan.files.push_back({plan.chain_file, core::yaml::emit_yaml(chain, {{"", "Imported from Prompt flow by genops import promptflow; see README.md."}})});
  plan.files.push_back({"genops.yaml", genops_yaml(ctx)});
  plan.files.push_back({"README.md", readme_text(plan, core::display_path(file))});
  return plan;
}

}  // namespace genops::migrate::promptflow
