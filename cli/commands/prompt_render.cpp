// genops prompt render REF [--var k=v]... [--vars-file F.json]
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "cli/prompt_json.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "core/prompt/render.hpp"
#include "core/strings.hpp"

namespace genops::cli {

namespace {

struct RenderOptions {
  std::string ref;
  std::vector<std::string> vars;
  std::string vars_file;
  bool json = false;
};

nlohmann::json read_vars_file(const std::string& path) {
  auto parsed = core::parse_json(core::read_file(path, 16 * 1024 * 1024));
  if (!parsed)
    core::fail_input(path + ": " + parsed.error(),
                     {"the vars file holds one JSON object, e.g. {\"question\": \"How do I get a refund?\"}"});
  if (!parsed->is_object()) core::fail_input(path + ": expected a JSON object of variables, got " + std::string(parsed->type_name()));
  return *parsed;
}

void run_render(Context& ctx, const RenderOptions& o) {
  auto vars = o.vars_file.empty() ? nlohmann::json::object() : read_vars_file(o.vars_file);
  // --var wins over the file.
  auto assigned = core::prompt::parse_var_assignments(o.vars);
  for (const auto& [k, v] : assigned.items()) vars[k] = v;
  core::lineage::PromptStore store(ctx.store());
  auto v = resolve_ref(store, o.ref);
  auto spec = core::prompt::from_json(nlohmann::json::parse(v.content_json));
  std::string ref = v.name + "@" + std::to_string(v.number);
  auto rendered = core::prompt::render_prompt(spec, vars, ref);
  if (o.json) {
    auto messages = nlohmann::json::array();
    for (const auto& m : rendered.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
    return print_json({{"ref", ref}, {"hash", v.hash}, {"model", spec.model}, {"vars", rendered.vars}, {"messages", messages}});
  }
  bool colour = colour_enabled(stdout);
  for (const auto& m : rendered.messages) {
    std::cout << paint("[" + m.role + "]", Colour::cyan, colour) << '\n' << m.content << '\n';
  }
}

}  // namespace

void add_prompt_render_command(CLI::App& prompt, Context& ctx) {
  auto o = std::make_shared<RenderOptions>();
  auto* cmd = prompt.add_subcommand("render", "Render a version's messages with variables (defaults applied, types checked)");
  cmd->add_option("ref", o->ref, "NAME, NAME@3, NAME@production or NAME@sha:1f3a9c")->required();
  cmd->add_option("--var", o->vars, "A variable, NAME=VALUE (repeatable)");
  cmd->add_option("--vars-file", o->vars_file, "A JSON file with an object of variables");
  cmd->add_flag("--json", o->json, "Print JSON");
  cmd->footer(example({"genops prompt render support-answer@production --var question=\"How do I get a refund?\"",
                       "genops prompt render support-answer --vars-file vars.json --json"}));
  cmd->callback([&ctx, o] { run_render(ctx, *o); });
}

}  // namespace genops::cli
