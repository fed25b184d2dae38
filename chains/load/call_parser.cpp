// Parsing the steps that call out: `chain` (a sub-chain) and `agent` (a
// model that may call the tools listed, each a step or a chain).
#include <set>

#include "core/json_schema.hpp"
#include "chains/load/loader_impl.hpp"
#include "chains/load/locate.hpp"
#include "core/regex.hpp"
#include "core/strings.hpp"

namespace genops::chains::load {

using core::yaml::Node;

namespace {

std::vector<std::pair<std::string, Template>> parse_chain_inputs(const Node* node, const Chain& callee,
                                                                 const ScopeShape& shape, std::vector<std::size_t>& deps,
                                                                 const Node& step) {
  std::vector<std::pair<std::string, Template>> out;
  std::vector<std::string> declared;
  for (const auto& in : callee.inputs) declared.push_back(in.name);
  if (node) {
    if (!node->is_map()) node->fail("expected a map of input names to templates, got " + node->describe());
    for (const auto& [key, value] : node->entries()) {
      if (std::find(declared.begin(), declared.end(), key) == declared.end())
        node->fail_key(key, "chain " + callee.name + " has no input " + core::quote(key), {core::suggest(key, declared)});
      out.emplace_back(key, compile_at(value, shape, deps));
    }
  }
  for (const auto& in : callee.inputs) {
    bool given = std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.first == in.name; });
    if (!given && in.required())
      (node ? *node : step).fail("chain " + callee.name + " requires input " + core::quote(in.name),
                                 {"give it under `inputs:`, e.g. " + in.name + ": \"{{inputs." + in.name + "}}\""});
  }
  return out;
}

// A chain tool's arguments are the chain's inputs.
nlohmann::json schema_of_inputs(const Chain& chain) {
  nlohmann::json schema = {{"type", "object"}, {"properties", nlohmann::json::object()}};
  auto required = nlohmann::json::array();
  for (const auto& in : chain.inputs) {
    schema["properties"][in.name] = {{"type", in.type}};
    if (!in.description.empty()) schema["properties"][in.name]["description"] = in.description;
    if (in.required()) required.push_back(in.name);
  }
  if (!required.empty()) schema["required"] = required;
  return schema;
}

Tool parse_tool(const Node& node, FileContext& ctx, const ScopeShape& shape, std::vector<std::size_t>& deps) {
  if (!node.is_map()) node.fail("expected a tool map with name and step or chain, got " + node.describe());
  node.check_keys({"name", "description", "parameters", "step", "chain"});
  Tool tool;
  const Node& name = node.at("name");
  tool.name = name.as_string();
  static const core::Regex k_tool_name = core::Regex::builtin("[A-Za-z0-9_-]{1,64}");
  if (!k_tool_name.full_match(tool.name))
    name.fail("tool name " + core::quote(tool.name) + " is not valid", {"use letters, digits, '_' and '-', up to 64 characters"});
  if (const auto* d = node.find("description")) tool.description = d->as_string();
  const Node* step = node.find("step");
  const Node* chain = node.find("chain");
  if (step && chain) node.fail_key("chain", "a tool is a `step` or a `chain`, not both");
  if (!step && !chain) node.fail("missing `step` (run with the call's arguments as {{args.NAME}}) or `chain` (its inputs are the arguments)");
  if (chain) {
    tool.chain = ctx.loader.chain_at(*chain, ctx.dir);
    tool.parameters = schema_of_inputs(*tool.chain);
  } else {
    ScopeShape with_args = shape;
    with_args.self.reset();
    with_args.locals.emplace_back("args");
    tool.step = parse_sub_step(*step, ctx, with_args, tool.name, deps);
    tool.parameters = {{"type", "object"}};
  }
  if (const auto* params = node.find("parameters")) tool.parameters = core::parse_schema(*params);
  return tool;
}

}  // namespace

ChainCallStep parse_chain_call(const Node& node, FileContext& ctx, const ScopeShape& shape, std::vector<std::size_t>& deps) {
  ChainCallStep c;
  const Node& chain = node.at("chain");
  c.path = chain.as_string();
  c.chain = ctx.loader.chain_at(chain, ctx.dir);
  c.inputs = parse_chain_inputs(node.find("inputs"), *c.chain, shape, deps, node);
  return c;
}

AgentStep parse_agent(const Node& node, FileContext& ctx, const ScopeShape& shape, std::vector<std::size_t>& deps) {
  AgentStep a;
  a.call = parse_model_call(node, ctx, shape, deps);
  if (const auto* turns = node.find("max_turns")) {
    auto v = turns->as_int();
    if (v < 1 || v > 50) turns->fail("expected an integer from 1 to 50, got " + std::to_string(v));
    a.max_turns = static_cast<int>(v);
  }
  const Node& tools = node.at("tools");
  if (!tools.is_sequence() || tools.items().empty()) tools.fail("expected a non-empty list of tools");
  std::set<std::string> names;
  for (const auto& item : tools.items()) {
    auto tool = parse_tool(item, ctx, shape, deps);
    if (!names.insert(tool.name).second) item.at("name").fail("duplicate tool name " + core::quote(tool.name));
    a.tools.push_back(std::move(tool));
  }
  return a;
}

}  // namespace genops::chains::load
