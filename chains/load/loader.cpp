// load_chain(): files, inputs, the step list, outputs, limits, the graph and
// the version hash. Steps themselves are parsed in step_parser.cpp.
#include <functional>
#include <set>
#include <system_error>

#include "chains/graph.hpp"
#include "chains/load/loader_impl.hpp"
#include "chains/load/locate.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/json.hpp"
#include "core/regex.hpp"
#include "core/strings.hpp"
#include "core/yaml/to_json.hpp"

namespace genops::chains {

using core::yaml::Node;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> k_input_types = {"string", "number", "integer", "boolean", "object", "array"};

std::string check_name(const Node& node, const char* what) {
  static const core::Regex k_identifier = core::Regex::builtin("[A-Za-z_][A-Za-z0-9_-]*");
  const std::string& name = node.as_string();
  if (!k_identifier.full_match(name) || name.size() > 64)
    node.fail(std::string(what) + " " + core::quote(name) + " is not valid",
              {"use letters, digits, '_' and '-', starting with a letter or '_', up to 64 characters"});
  return name;
}

core::prompt::InputSpec parse_input(const std::string& name, const Node& node) {
  core::prompt::InputSpec input;
  input.name = name;
  static const core::Regex k_input_name = core::Regex::builtin("[A-Za-z_][A-Za-z0-9_]*");
  if (!k_input_name.full_match(name))
    node.fail("input name " + core::quote(name) + " is not an identifier", {"use letters, digits and _, starting with a letter"});
  if (node.is_null()) return input;
  if (node.is_scalar()) node.fail("expected a map like {type: string}, got " + node.describe());
  node.check_keys({"type", "default", "description"});
  if (const auto* type = node.find("type")) {
    input.type = type->as_string();
    if (std::find(k_input_types.begin(), k_input_types.end(), input.type) == k_input_types.end())
      type->fail("unknown input type " + core::quote(input.type), {core::suggest(input.type, k_input_types)});
  }
  if (const auto* def = node.find("default")) input.default_value = core::yaml::to_json(*def);
  if (const auto* desc = node.find("description")) input.description = desc->as_string();
  return input;
}

Limits parse_limits(const Node& node) {
  node.check_keys({"max_cost_usd", "max_tokens", "max_steps", "timeout"});
  Limits limits;
  if (const auto* n = node.find("max_cost_usd")) {
    limits.max_cost_usd = n->as_double();
    if (*limits.max_cost_usd < 0) n->fail("expected a cost of 0 or more, in USD");
  }
  auto positive = [&](const char* key, std::optional<std::int64_t>& out) {
    if (const auto* n = node.find(key)) {
      out = n->as_int();
      if (*out <= 0) n->fail("expected a positive integer");
    }
  };
  positive("max_tokens", limits.max_tokens);
  positive("max_steps", limits.max_steps);
  if (const auto* n = node.find("timeout")) {
    limits.timeout = n->as_duration();
    if (limits.timeout->count() <= 0) n->fail("expected a positive duration like 30s");
  }
  return limits;
}

std::vector<std::string> collect_step_ids(const Node& steps) {
  std::vector<std::string> ids;
  std::map<std::string, int> first_line;
  for (const auto& item : steps.items()) {
    if (!item.is_map()) item.fail("expected a step map with `id` and `kind`, got " + item.describe());
    const Node& id = item.at("id");
    auto name = check_name(id, "step id");
    if (auto it = first_line.find(name); it != first_line.end())
      id.fail("duplicate step id " + core::quote(name) + " (first used at line " + std::to_string(it->second) + ")",
              {"every step needs its own id"});
    first_line[name] = id.mark().line;
    ids.push_back(name);
  }
  return ids;
}

void check_acyclic(const Chain& chain, const Node& steps) {
  std::vector<std::vector<std::size_t>> deps;
  for (const auto& s : chain.steps) deps.push_back(s.depends_on);
  auto order = order_steps(deps);
  auto* cycle = std::get_if<Cycle>(&order);
  if (!cycle) return;
  std::vector<std::string> names;
  for (auto i : cycle->steps) names.push_back(chain.steps[i].id);
  names.push_back(names.front());
  const Node& first = steps.items()[cycle->steps.front()].at("id");
  first.fail("steps form a cycle: " + core::join(names, " -> "),
             {"a step cannot read its own output, directly or through other steps"});
}

std::string canonical_hash(const Node& root) {
  return core::sha256_hex(core::dump_json(core::yaml::to_json(root)));
}

}  // namespace

namespace load {

ScopeShape top_shape(const FileContext& ctx, std::optional<std::size_t> self) {
  ScopeShape shape;
  shape.inputs = ctx.input_names;
  shape.steps = ctx.step_ids;
  shape.self = self;
  return shape;
}

}  // namespace load
}  // namespace genops::chains

namespace genops::chains {

Chain& Loader::load_file(const fs::path& file) {
  return load_document(*core::yaml::Document::load_file(file.string()), file);
}

Chain& Loader::load_document(const core::yaml::Document& doc, const fs::path& file) {
  const Node& root = doc.root();
  core::yaml::require_version(root);
  root.check_keys({"version", "name", "description", "inputs", "steps", "outputs", "limits"});
  auto chain = std::make_unique<Chain>();
  Chain& c = *chain;
  c.file = file;
  c.display_file = core::display_path(file);
  c.name = check_name(root.at("name"), "chain name");
  c.version = canonical_hash(root);
  load::FileContext ctx{*this, c, {}, {}, file.parent_path()};
  if (const auto* inputs = root.find("inputs")) {
    if (!inputs->is_map()) inputs->fail("expected a map of input names, got " + inputs->describe());
    for (const auto& [key, value] : inputs->entries()) {
      c.inputs.push_back(parse_input(key, value));
      ctx.input_names.push_back(key);
    }
  }
  // Registered before the steps are parsed, so a chain may call itself.
  m_by_path[fs::weakly_canonical(file).string()] = &c;
  m_set.m_chains.push_back(std::move(chain));
  const Node& steps = root.at("steps");
  if (!steps.is_sequence() || steps.items().empty()) steps.fail(steps.is_sequence() ? "expected at least one step" : "expected a list of steps, got " + steps.describe());
  ctx.step_ids = collect_step_ids(steps);
  for (std::size_t i = 0; i < ctx.step_ids.size(); ++i) {
    c.index_of[ctx.step_ids[i]] = i;
    c.steps.push_back(load::parse_step(steps.items()[i], ctx, i));
  }
  check_acyclic(c, steps);
  std::vector<std::size_t> ignored;
  if (const auto* outputs = root.find("outputs")) {
    if (!outputs->is_map() || outputs->entries().empty()) outputs->fail("expected a map of output names to templates");
    for (const auto& [key, value] : outputs->entries())
      c.outputs.emplace_back(key, load::compile_at(value, load::top_shape(ctx, std::nullopt), ignored));
  } else {
    auto last = std::get<Template>(compile_template("{{steps." + c.steps.back().id + ".output}}",
                                                    load::top_shape(ctx, std::nullopt)));
    c.outputs.emplace_back("output", std::move(last));
  }
  if (const auto* limits = root.find("limits")) c.limits = parse_limits(*limits);
  return c;
}

fs::path Loader::find_file(const Node& node, const fs::path& from_dir, std::string_view what) const {
  fs::path written = node.as_string();
  std::vector<fs::path> candidates;
  if (written.is_absolute()) candidates.push_back(written);
  else {
    if (!m_options.project_root.empty()) candidates.push_back(m_options.project_root / written);
    candidates.push_back(from_dir / written);
  }
  std::error_code ec;
  for (const auto& c : candidates) {
    if (fs::is_regular_file(c, ec)) return c;
  }
  std::vector<std::string> shown;
  for (const auto& c : candidates) shown.push_back(core::display_path(c));
  node.fail(std::string(what) + " file " + core::quote(node.as_string()) + " not found",
            {"looked for " + core::join(shown, " and ")});
}

const Chain* Loader::chain_at(const Node& node, const fs::path& from_dir) {
  auto file = find_file(node, from_dir, "chain");
  auto key = fs::weakly_canonical(file).string();
  if (auto it = m_by_path.find(key); it != m_by_path.end()) return it->second;
  if (m_nesting >= load::k_max_chain_files_nesting)
    node.fail("chains call each other deeper than " + std::to_string(load::k_max_chain_files_nesting) + " files");
  ++m_nesting;
  Chain& c = load_file(file);
  --m_nesting;
  return &c;
}

ChainSet Loader::load_root(const fs::path& file) {
  load_file(file);
  register_prompt_files();
  return std::move(m_set);
}

ChainSet Loader::load_root_text(std::string text, std::string name, const fs::path& file) {
  auto doc = core::yaml::Document::load_string(text, std::move(name));
  load_document(*doc, file).source = std::move(text);
  register_prompt_files();
  return std::move(m_set);
}

ChainSet load_chain(const fs::path& file, const LoadOptions& options) {
  Loader loader(options);
  return loader.load_root(file);
}

ChainSet load_chain_text(std::string text, std::string name, const fs::path& file, const LoadOptions& options) {
  Loader loader(options);
  return loader.load_root_text(std::move(text), std::move(name), file);
}

namespace {

// Calls `visit` with the model call of every llm and agent step, nested ones included.
void each_model_call(const std::vector<std::unique_ptr<Chain>>& chains, const std::function<void(const ModelCall&)>& visit) {
  std::function<void(const Step&)> walk = [&](const Step& step) {
    if (const auto* llm = std::get_if<LlmStep>(&step.body)) visit(llm->call);
    if (const auto* agent = std::get_if<AgentStep>(&step.body)) {
      visit(agent->call);
      for (const auto& tool : agent->tools) {
        if (tool.step) walk(*tool.step);
      }
    }
    if (const auto* map = std::get_if<MapStep>(&step.body)) walk(*map->step);
    if (const auto* loop = std::get_if<LoopStep>(&step.body)) walk(*loop->step);
  };
  for (const auto& chain : chains) {
    for (const auto& step : chain->steps) walk(step);
  }
}

}  // namespace

std::vector<std::string> ChainSet::prompt_refs() const {
  std::set<std::string> refs;
  each_model_call(m_chains, [&](const ModelCall& call) {
    if (call.prompt) refs.insert(call.prompt->ref);
  });
  return {refs.begin(), refs.end()};
}

std::vector<ChainSet::IndexUse> ChainSet::index_uses() const {
  std::vector<IndexUse> uses;
  for (const auto& chain : m_chains) {
    std::function<void(const Step&)> walk = [&](const Step& step) {
      if (const auto* r = std::get_if<RetrieveStep>(&step.body))
        uses.push_back({r->index, chain->display_file + ":" + std::to_string(r->index_line) + ":" +
                                      std::to_string(r->index_column) + ": " + step.path + ".index"});
      if (const auto* agent = std::get_if<AgentStep>(&step.body)) {
        for (const auto& tool : agent->tools) {
          if (tool.step) walk(*tool.step);
        }
      }
      if (const auto* map = std::get_if<MapStep>(&step.body)) walk(*map->step);
      if (const auto* loop = std::get_if<LoopStep>(&step.body)) walk(*loop->step);
    };
    for (const auto& step : chain->steps) walk(step);
  }
  return uses;
}

std::vector<std::string> ChainSet::providers() const {
  std::set<std::string> names;
  each_model_call(m_chains, [&](const ModelCall& call) { names.insert(call.provider); });
  return {names.begin(), names.end()};
}

}  // namespace genops::chains
