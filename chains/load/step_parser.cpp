// Parsing one step: the keys every step has, then its kind's own.

#include "core/json_schema.hpp"
#include "chains/load/loader_impl.hpp"
#include "chains/load/locate.hpp"
#include "core/regex.hpp"
#include "core/strings.hpp"

namespace genops::chains::load {

using core::yaml::Node;

namespace {

const std::vector<std::string> k_common = {"id", "kind", "when", "description"};

StepKind parse_kind(const Node& node) {
  const Node* kind = node.find("kind");
  if (!kind) node.fail("missing required field \"kind\"", {"one of: " + core::join(step_kind_names(), ", ")});
  const auto& text = kind->as_string();
  const auto& names = step_kind_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<StepKind>(i);
  }
  if (text == "index" || text == "retrieval") kind->fail("unknown step kind " + core::quote(text), {"did you mean \"retrieve\"?"});
  kind->fail("unknown step kind " + core::quote(text), {core::suggest(text, names)});
}

std::int64_t int_in(const Node& node, std::int64_t lo, std::int64_t hi) {
  auto v = node.as_int();
  if (v < lo || v > hi) node.fail("expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + std::to_string(v));
  return v;
}

TransformStep parse_transform(const Node& node, const ScopeShape& shape, std::vector<std::size_t>& deps) {
  TransformStep t;
  const Node* tmpl = node.find("template");
  const Node* extract = node.find("extract");
  if (tmpl && extract) node.fail_key("extract", "a transform has `template`, or `input` with `extract`, not both");
  if (tmpl) {
    if (node.find("input")) node.fail_key("input", "`input` goes with `extract`; a `template` reads what it needs itself");
    t.input = compile_at(*tmpl, shape, deps);
    return t;
  }
  if (!extract) node.fail("missing `template` (text to render) or `input` with `extract` (json, or {regex, group})");
  t.input = compile_at(node.at("input"), shape, deps);
  if (extract->is_scalar()) {
    if (extract->as_string() != "json") extract->fail("expected json or {regex: PATTERN, group: N}, got " + core::quote(extract->as_string()));
    t.op = TransformStep::Op::json;
    if (const auto* schema = node.find("schema")) t.output = {true, core::parse_schema(*schema)};
    return t;
  }
  extract->check_keys({"regex", "group"});
  t.op = TransformStep::Op::regex;
  t.pattern = extract->at("regex").as_string();
  if (t.pattern.size() > expr::k_max_pattern_bytes) extract->at("regex").fail("pattern longer than " + std::to_string(expr::k_max_pattern_bytes) + " bytes");
  auto compiled = core::Regex::compile(t.pattern);
  if (!compiled) extract->at("regex").fail("invalid regular expression: " + compiled.error(), {core::k_regex_syntax_hint});
  t.regex = std::move(*compiled);
  t.group = t.regex->group_count() > 0 ? 1 : 0;
  if (const auto* group = extract->find("group"))
    t.group = static_cast<std::size_t>(int_in(*group, 0, t.regex->group_count()));
  if (node.find("schema")) node.fail_key("schema", "`schema` goes with `extract: json`");
  return t;
}

RetrieveStep parse_retrieve(const Node& node, const ScopeShape& shape, std::vector<std::size_t>& deps) {
  RetrieveStep r;
  const Node& index = node.at("index");
  r.index = index.as_string();
  r.index_line = index.mark().line;
  r.index_column = index.mark().column;
  r.query = compile_at(node.at("query"), shape, deps);
  if (const auto* k = node.find("top_k")) r.top_k = static_cast<int>(int_in(*k, 1, 100));
  if (const auto* mode = node.find("mode")) {
    const auto& m = mode->as_string();
    static const std::vector<std::string> modes = {"bm25", "vector", "hybrid"};
    if (m == "bm25") r.mode = core::retrieval::Mode::bm25;
    else if (m == "vector") r.mode = core::retrieval::Mode::vector;
    else if (m == "hybrid") r.mode = core::retrieval::Mode::hybrid;
    else mode->fail("unknown retrieval mode " + core::quote(m), {core::suggest(m, modes)});
  }
  return r;
}

ScopeShape with_locals(ScopeShape shape, std::initializer_list<const char*> locals) {
  shape.self.reset();
  for (const char* l : locals) shape.locals.emplace_back(l);
  return shape;
}

}  // namespace

std::vector<std::string> step_keys(StepKind kind) {
  std::vector<std::string> keys = k_common;
  std::vector<std::string> own;
  switch (kind) {
    case StepKind::llm: own = {"prompt", "messages", "vars", "provider", "model", "output"}; break;
    case StepKind::transform: own = {"template", "input", "extract", "schema"}; break;
    case StepKind::retrieve: own = {"index", "query", "top_k", "mode"}; break;
    case StepKind::map: own = {"over", "concurrency", "step"}; break;
    case StepKind::loop: own = {"step", "until", "max_iterations"}; break;
    case StepKind::chain: own = {"chain", "inputs"}; break;
    case StepKind::agent: own = {"prompt", "messages", "vars", "provider", "model", "tools", "max_turns"}; break;
    case StepKind::exec: own = {"command", "inputs", "timeout", "env"}; break;
  }
  keys.insert(keys.end(), own.begin(), own.end());
  return keys;
}

MapStep parse_map(const Node& node, FileContext& ctx, const ScopeShape& shape, const std::string& id,
                  std::vector<std::size_t>& deps);
LoopStep parse_loop(const Node& node, FileContext& ctx, const ScopeShape& shape, const std::string& id,
                    std::vector<std::size_t>& deps);
ChainCallStep parse_chain_call(const Node& node, FileContext& ctx, const ScopeShape& shape, std::vector<std::size_t>& deps);
AgentStep parse_agent(const Node& node, FileContext& ctx, const ScopeShape& shape, std::vector<std::size_t>& deps);
ExecStep parse_exec(const Node& node, const FileContext& ctx, const ScopeShape& shape, std::vector<std::size_t>& deps);

// Parses the body of `step` (its id and kind already set) with `shape`.
void parse_body(const Node& node, Step& step, FileContext& ctx, const ScopeShape& shape, std::vector<std::size_t>& deps) {
  node.check_keys(std::span<const std::string>(step_keys(step.kind)));
  if (const auto* when = node.find("when")) step.when = parse_expression_at(*when, shape, deps);
  switch (step.kind) {
    case StepKind::llm: {
      LlmStep llm;
      llm.call = parse_model_call(node, ctx, shape, deps);
      llm.output = parse_output(node.find("output"));
      step.body = std::move(llm);
      break;
    }
    case StepKind::transform: step.body = parse_transform(node, shape, deps); break;
    case StepKind::retrieve: step.body = parse_retrieve(node, shape, deps); break;
    case StepKind::map: step.body = parse_map(node, ctx, shape, step.id, deps); break;
    case StepKind::loop: step.body = parse_loop(node, ctx, shape, step.id, deps); break;
    case StepKind::chain: step.body = parse_chain_call(node, ctx, shape, deps); break;
    case StepKind::agent: step.body = parse_agent(node, ctx, shape, deps); break;
    case StepKind::exec: step.body = parse_exec(node, ctx, shape, deps); break;
  }
}

Step parse_step(const Node& node, FileContext& ctx, std::size_t index) {
  Step step;
  step.id = ctx.step_ids[index];
  step.kind = parse_kind(node);
  step.path = node.path();
  step.line = node.mark().line;
  std::vector<std::size_t> deps;
  parse_body(node, step, ctx, top_shape(ctx, index), deps);
  std::sort(deps.begin(), deps.end());
  deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
  step.depends_on = std::move(deps);
  return step;
}

std::unique_ptr<Step> parse_sub_step(const Node& node, FileContext& ctx, const ScopeShape& shape,
                                     const std::string& default_id, std::vector<std::size_t>& deps) {
  if (!node.is_map()) node.fail("expected a step map with `kind`, got " + node.describe());
  auto step = std::make_unique<Step>();
  step.get()->kind = parse_kind(node);
  step->id = node.find("id") ? node.at("id").as_string() : default_id;
  step->path = node.path();
  step->line = node.mark().line;
  parse_body(node, *step, ctx, shape, deps);
  return step;
}

MapStep parse_map(const Node& node, FileContext& ctx, const ScopeShape& shape, const std::string& id,
                  std::vector<std::size_t>& deps) {
  MapStep m;
  const Node& over = node.at("over");
  m.over = compile_at(over, shape, deps);
  if (!m.over.is_whole_value())
    over.fail("expected one reference to a list, like \"{{steps.split.output}}\"");
  if (const auto* c = node.find("concurrency")) m.concurrency = static_cast<int>(int_in(*c, 1, 256));
  m.step = parse_sub_step(node.at("step"), ctx, with_locals(shape, {"item", "index"}), id, deps);
  return m;
}

LoopStep parse_loop(const Node& node, FileContext& ctx, const ScopeShape& shape, const std::string& id,
                    std::vector<std::size_t>& deps) {
  LoopStep l;
  const Node* max = node.find("max_iterations");
  if (!max) node.fail("missing required field \"max_iterations\"", {"a loop always has a bound, e.g. max_iterations: 3"});
  l.max_iterations = static_cast<int>(int_in(*max, 1, 1000));
  l.step = parse_sub_step(node.at("step"), ctx, with_locals(shape, {"loop"}), id, deps);
  if (const auto* until = node.find("until")) l.until = parse_expression_at(*until, with_locals(shape, {"output", "iteration"}), deps);
  return l;
}

}  // namespace genops::chains::load
