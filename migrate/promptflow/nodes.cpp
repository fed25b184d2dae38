// One Prompt flow node as a chain step: llm -> an llm step with a prompt
// file, prompt -> a transform, python -> an exec step through the runner.
#include <cctype>
#include <cstdlib>

#include "core/fs.hpp"
#include "core/json.hpp"
#include "core/regex.hpp"
#include "core/strings.hpp"
#include "core/yaml/emit.hpp"
#include "core/yaml/to_json.hpp"
#include "migrate/promptflow/flow_context.hpp"
#include "migrate/promptflow/jinja.hpp"
#include "migrate/promptflow/runner_script.hpp"

namespace genops::migrate::promptflow {

namespace fs = std::filesystem;
using core::yaml::Node;

namespace {

const core::Regex& reference_pattern() {
  static const core::Regex k = core::Regex::builtin("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z0-9_.]+)\\}");
  return k;
}

// Reads the Jinja2 file a node names; a missing file is the user's error.
std::pair<fs::path, std::string> read_source(const Node& node, FlowContext& ctx) {
  const Node& path = node.at("source").at("path");
  fs::path file = ctx.dir / path.as_string();
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) path.fail("no such file: " + core::display_path(file));
  return {file, core::read_file(file)};
}

void note_problems(const std::vector<JinjaProblem>& problems, const fs::path& file, FlowContext& ctx) {
  for (const auto& p : problems)
    ctx.plan.notes.unsupported_item({core::display_path(file) + ":" + std::to_string(p.line) + ":" + std::to_string(p.column), ""},
                                    p.what, "the Jinja2 subset that maps to Mustache (variables, attribute access, {% for %}, {% if %}/{% else %})");
}

// "line:col" (1-based) of byte `offset` in `text`.
std::string line_col(const std::string& text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else ++column;
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

std::optional<double> number_of(const Node& value) {
  if (!value.is_scalar()) return std::nullopt;
  const auto& text = value.as_string();
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

// Model settings from an llm node's inputs (numbers given as strings too); true if `key` is one.
bool model_setting(const std::string& key, const Node& value, ojson& model, FlowContext& ctx, const std::string& node) {
  static const std::set<std::string> k_ignored = {"presence_penalty", "frequency_penalty", "logit_bias", "user", "n",
                                                  "suffix", "echo", "best_of", "logprobs", "functions", "function_call",
                                                  "tools", "tool_choice", "deployment_name"};
  if (key == "model") {
    model["model"] = value.as_string();
    return true;
  }
  if (key == "temperature" || key == "top_p" || key == "max_tokens" || key == "seed") {
    auto v = number_of(value);
    if (!v) {
      ctx.plan.notes.translated("Node `" + node + "`: `" + key + ": " + value.as_string() + "` is not a number and was left out.");
      return true;
    }
    if (key == "max_tokens" || key == "seed") model[key] = static_cast<std::int64_t>(*v);
    else model[key] = *v;
    return true;
  }
  if (key == "stop" || key == "response_format") {
    model[key] = core::yaml::to_json(value);
    return true;
  }
  if (k_ignored.count(key)) {
    if (key != "deployment_name")
      ctx.plan.notes.translated("Node `" + node + "`: the model setting `" + key + "` has no genops counterpart and was left out.");
    return true;
  }
  return false;
}

std::string provider_for(const Node& node, const std::string& model, FlowContext& ctx) {
  std::string connection = node.find("connection") ? node.at("connection").as_string() : "default";
  std::string name = step_id_of(connection);
  if (ctx.providers.contains(name)) return name;
  std::string declared = node.find("provider") ? node.at("provider").as_string() : "";
  bool azure = core::to_lower(connection + declared).find("azure") != std::string::npos;
  ojson p = {{"kind", "openai"}, {"model", model.empty() ? "gpt-4o-mini" : model},
             {"api_key_env", azure ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY"}};
  ctx.providers[name] = p;
  if (azure)
    ctx.plan.notes.translated("Connection `" + connection + "` (Azure OpenAI) became provider `" + name + "` of kind openai: genops " +
                              "sends neither Azure's api-key header nor its api-version, so set its base_url to an " +
                              "OpenAI-compatible gateway in front of the deployment.");
  ctx.provider_comments[name] = "Prompt flow connection `" + connection + "`" +
                                (azure ? ": Azure OpenAI; set base_url to an OpenAI-compatible gateway in front of it" : "") +
                                "; the key is read from " + p["api_key_env"].get<std::string>();
  return name;
}

// Writes prompts/<file>.yaml for one llm node (or variant); returns its path.
std::string llm_prompt_file(const Node& body, const std::string& node_name, const std::string& file_stem, ojson& vars,
                            FlowContext& ctx) {
  auto [file, text] = read_source(body, ctx);
  auto translated = jinja_to_mustache(text);
  note_problems(translated.problems, file, ctx);
  bool inlined = false;
  auto blocks = split_roles(translated.text, inlined);
  if (inlined)
    ctx.plan.notes.translated("Node `" + node_name + "`: the role lines inside a `{% for %}` (chat history) became " +
                              "\"user:\"/\"assistant:\" lines of the enclosing message; a genops prompt has a fixed list of messages.");
  ojson model = ojson::object();
  ojson inputs_by_name = ojson::object();
  if (const auto* inputs = body.find("inputs"))
    for (const auto& [key, value] : inputs->entries())
      if (!model_setting(key, value, model, ctx, node_name)) inputs_by_name[key] = reference_template(value, ctx);
  if (!model.contains("model") && body.find("inputs") && body.at("inputs").find("deployment_name"))
    model["model"] = body.at("inputs").at("deployment_name").as_string();
  ojson spec_model = {{"provider", provider_for(body, model.value("model", ""), ctx)}};
  spec_model.update(model);
  if (body.find("api") && body.at("api").as_string() == "completion")
    ctx.plan.notes.translated("Node `" + node_name + "`: `api: completion` runs as a chat completion (one user message).");
  ojson prompt_inputs = ojson::object();
  for (const auto& root : translated.roots) {
    bool list = std::find(translated.list_roots.begin(), translated.list_roots.end(), root) != translated.list_roots.end();
    prompt_inputs[root] = {{"type", list ? "array" : "string"}};
    if (inputs_by_name.contains(root)) vars[root] = inputs_by_name[root];
    else {
      vars[root] = "";
      ctx.plan.notes.translated("Node `" + node_name + "`: `" + root + "` has no node input; Prompt flow renders it empty, so it is given \"\".");
    }
  }
  ojson messages = ojson::array();
  for (const auto& b : blocks) messages.push_back({{"role", b.role}, {"content", b.content}});
  if (messages.empty()) messages.push_back({{"role", "user"}, {"content", " "}});
  ojson prompt = {{"version", 1}, {"name", node_name},
                  {"description", "Imported from Prompt flow node " + node_name + " (" + body.at("source").at("path").as_string() + ")"}};
  if (!prompt_inputs.empty()) prompt["inputs"] = prompt_inputs;
  prompt["model"] = spec_model;
  prompt["messages"] = messages;
  std::string rel = "prompts/" + file_stem + ".yaml";
  ctx.plan.files.push_back({rel, core::yaml::emit_yaml(prompt)});
  ctx.plan.prompt_files.push_back(rel);
  return rel;
}

ojson llm_step(const Node& node, const Node* variants, FlowContext& ctx) {
  std::string name = node.at("name").as_string();
  ojson vars = ojson::object();
  std::string file;
  if (!variants) {
    file = llm_prompt_file(node, name, step_id_of(name), vars, ctx);
  } else {
    std::string def = variants->at("default_variant_id").as_string();
    if (!variants->at("variants").find(def)) variants->at("default_variant_id").fail("no variant " + core::quote(def));
    for (const auto& [id, variant] : variants->at("variants").entries()) {
      ojson v = ojson::object();
      const Node& body = variant.at("node");
      if (!body.find("type") || body.at("type").as_string() != "llm") {
        ctx.plan.notes.unsupported_item(locate(variant), "a variant of a non-llm node", "one chain per variant");
        continue;
      }
      auto rel = llm_prompt_file(body, name, id == def ? step_id_of(name) : step_id_of(name) + "." + id, v, ctx);
      ctx.plan.variants.push_back({rel, id});
      if (id == def) file = rel, vars = v;
    }
    ctx.plan.notes.translated("Node `" + name + "`: its variants became versions of prompt `" + name +
                              "` labelled by variant id; the chain uses the default, " + def + ".");
  }
  ojson step = {{"id", ctx.step_of.at(name)}, {"kind", "llm"}, {"prompt", "../" + file}};
  if (!vars.empty()) step["vars"] = vars;
  return step;
}

ojson prompt_step(const Node& node, FlowContext& ctx) {
  auto [file, text] = read_source(node, ctx);
  ojson inputs = ojson::object();
  if (const auto* in = node.find("inputs"))
    for (const auto& [key, value] : in->entries()) inputs[key] = reference_template(value, ctx);
  VarMap map = [&](const std::string& root) -> VarTarget {
    if (!inputs.contains(root)) return {"", std::string()};
    auto tmpl = inputs[root].get<std::string>();
    auto path = whole_reference(tmpl);
    if (!path.empty()) return {path, std::nullopt};
    return {"", tmpl};
  };
  auto translated = jinja_to_mustache(text, map);
  note_problems(translated.problems, file, ctx);
  return {{"id", ctx.step_of.at(node.at("name").as_string())}, {"kind", "transform"}, {"template", translated.text}};
}

std::string tool_function(const std::string& source) {
  static const core::Regex k_tool = core::Regex::builtin("@tool[^\\n]*\\n(?:[ \\t]*@[^\\n]*\\n)*[ \\t]*def[ \\t]+([A-Za-z_][A-Za-z0-9_]*)");
  if (auto m = k_tool.find(source)) return *m->groups[1];
  return "";
}

ojson python_step(const Node& node, FlowContext& ctx) {
  std::string name = node.at("name").as_string();
  const Node& path = node.at("source").at("path");
  auto [file, text] = read_source(node, ctx);
  if (const auto* conn = node.find("connection"))
    ctx.plan.notes.unsupported_item(locate(*conn), "a connection on a python node (custom connection)",
                                    "an exec step whose script reads its settings from the environment (list them under `env:`)");
  if (auto at = text.find("CustomConnection"); at != std::string::npos)
    ctx.plan.notes.unsupported_item({core::display_path(file) + ":" + line_col(text, at), ""}, "a custom connection",
                                    "an exec step whose script reads its settings from the environment (list them under `env:`)");
  auto function = tool_function(text);
  if (function.empty()) path.fail("no @tool function in " + core::display_path(file), {"mark the node's function with @tool"});
  std::string rel = fs::path(path.as_string()).lexically_normal().generic_string();
  if (ctx.copied.insert(rel).second) ctx.plan.files.push_back({"chains/tools/" + rel, text});
  ojson inputs = ojson::object();
  if (const auto* in = node.find("inputs"))
    for (const auto& [key, value] : in->entries()) inputs[key] = reference_template(value, ctx);
  ojson step = {{"id", ctx.step_of.at(name)}, {"kind", "exec"},
                {"command", {"python3", k_runner_path, "tools/" + rel, function}}};
  if (!inputs.empty()) step["inputs"] = inputs;
  return step;
}

// `activate: {when: ${x}, is: v}` as a `when` expression.
std::string activate_expression(const Node& activate, FlowContext& ctx) {
  auto path = whole_reference(reference_template(activate.at("when"), ctx));
  if (path.empty()) activate.at("when").fail("expected a reference like ${node.output}");
  const Node& is = activate.at("is");
  std::string value;
  if (is.is_scalar() && !is.quoted() && (is.as_string() == "true" || is.as_string() == "false")) value = is.as_string();
  else if (is.is_scalar() && !is.quoted() && number_of(is)) value = is.as_string();
  else {
    value = "'";
    for (char c : is.as_string()) value += c == '\'' || c == '\\' ? std::string("\\") + c : std::string(1, c);
    value += "'";
  }
  return path + " == " + value;
}

}  // namespace

std::string step_id_of(const std::string& name) {
  std::string id;
  for (char c : name) id += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_';
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0])) || id[0] == '-') id = "n_" + id;
  return id.substr(0, 64);
}

std::string whole_reference(const std::string& tmpl) {
  static const core::Regex k = core::Regex::builtin("\\{\\{([A-Za-z_][A-Za-z0-9_.]*)\\}\\}");
  if (auto m = k.find(tmpl); m && m->offset == 0 && m->groups[0]->size() == tmpl.size()) return *m->groups[1];
  return "";
}

std::string reference_template(const Node& value, FlowContext& ctx) {
  if (!value.is_scalar()) return core::dump_json(core::yaml::to_json(value));
  const std::string& text = value.as_string();
  std::string out;
  std::size_t pos = 0;
  while (true) {
    auto m = reference_pattern().find(std::string_view(text).substr(pos));
    if (!m) break;
    out += text.substr(pos, m->offset);
    const auto& root = *m->groups[1];
    const auto& rest = *m->groups[2];
    if (root == "inputs") {
      out += "{{inputs." + rest + "}}";
    } else if (ctx.step_of.count(root) && (rest == "output" || core::starts_with(rest, "output."))) {
      out += "{{steps." + ctx.step_of.at(root) + "." + rest + "}}";
    } else {
      ctx.plan.notes.unsupported_item(locate(value), "the reference `" + *m->groups[0] + "`",
                                      "${inputs.NAME} or ${NODE.output[.FIELD]}");
    }
    pos += m->offset + m->groups[0]->size();
  }
  return out + text.substr(pos);
}

ojson translate_node(const Node& node, const Node* variants, FlowContext& ctx) {
  std::string name = node.at("name").as_string();
  std::string type = variants ? "llm" : (node.find("type") ? node.at("type").as_string() : "");
  const Node& body = node;
  auto left_out = [&](Location at, std::string what, std::string instead) {
    ctx.plan.notes.unsupported_item(std::move(at), std::move(what), std::move(instead));
    return ojson{{"id", ctx.step_of.at(name)}, {"kind", "transform"}, {"description", "left out by genops import: replace it"},
                 {"template", ""}};
  };
  if (!variants && body.find("source") && body.at("source").find("type") && body.at("source").at("type").as_string() != "code") {
    std::string tool = body.at("source").find("tool") ? body.at("source").at("tool").as_string() : "?";
    return left_out(locate(body.at("source")), "the package tool `" + tool + "`", "an exec step running a script that does the same");
  }
  if (body.find("aggregation") && body.at("aggregation").is_scalar() && body.at("aggregation").as_string() == "true")
    return left_out(locate(body.at("aggregation")), "an aggregation node", "an eval over the chain (genops eval) for metrics across rows");
  ojson step;
  if (type == "llm") step = llm_step(node, variants, ctx);
  else if (type == "prompt") step = prompt_step(node, ctx);
  else if (type == "python") step = python_step(node, ctx);
  else return left_out(locate(node.find("type") ? node.at("type") : node), "the node type `" + type + "`", "an exec step");
  if (const auto* activate = node.find("activate")) {
    ojson ordered = {{"id", step["id"]}, {"kind", step["kind"]}, {"when", activate_expression(*activate, ctx)}};
    for (const auto& [k, v] : step.items())
      if (k != "id" && k != "kind") ordered[k] = v;
    step = ordered;
  }
  return step;
}

}  // namespace genops::migrate::promptflow
