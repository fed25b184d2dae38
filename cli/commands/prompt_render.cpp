// genops prompt render REF [--var k=v]... [--vars-file F.json]
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "cli/prompt_json.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "core/redact.hpp"
#include "core/llm/model_settings.hpp"
#include "core/prompt/render.hpp"
#include "core/strings.hpp"

namespace genops::cli {

namespace {

struct RenderOptions {
  std::string ref;
  std::vector<std::string> vars;
  std::string vars_file;
  bool json = false;
  bool run = false;
  std::string provider;
  bool no_cache = false;
};

nlohmann::json read_vars_file(const std::string& path) {
  auto parsed = core::parse_json(core::read_file(path, 16 * 1024 * 1024));
  if (!parsed)
    core::fail_input(path + ": " + parsed.error(),
                     {"the vars file holds one JSON object, e.g. {\"question\": \"How do I get a refund?\"}"});
  if (!parsed->is_object()) core::fail_input(path + ": expected a JSON object of variables, got " + std::string(parsed->type_name()));
  return *parsed;
}

// --run: one call to the prompt's provider (or --provider) with its model settings.
void call_model(Context& ctx, const RenderOptions& o, const core::prompt::PromptSpec& spec,
                const core::prompt::RenderedPrompt& rendered, const std::string& ref) {
  std::string provider = o.provider;
  if (provider.empty() && spec.model.contains("provider")) provider = spec.model["provider"].get<std::string>();
  if (provider.empty()) provider = ctx.project().default_provider;
  if (provider.empty())
    core::fail_input(ref + ": no provider to run it with", {"set model.provider in the prompt, defaults.provider in genops.yaml, or pass --provider"});
  core::llm::Request request;
  for (const auto& m : rendered.messages) request.messages.push_back({m.role, m.content, {}, {}});
  request.vars = rendered.vars;
  core::llm::apply_model_settings(spec.model, request);
  if (o.no_cache) request.cache = core::llm::CachePolicy::bypass;
  auto outcome = ctx.model_client(provider).complete(std::move(request));
  if (const auto* f = std::get_if<core::llm::Failure>(&outcome))
    throw core::Error(core::ErrorKind::provider, "provider " + provider + ": " + core::llm::to_string(f->kind) + ": " + f->message);
  const auto& r = std::get<core::llm::Response>(outcome);
  if (o.json) {
    return print_json({{"ref", ref}, {"provider", provider}, {"model", r.model}, {"output", r.text},
                       {"input_tokens", r.usage.input_tokens}, {"output_tokens", r.usage.output_tokens},
                       {"tokens_estimated", r.usage.estimated}, {"cost_usd", r.cost_usd},
                       {"latency_ms", static_cast<double>(r.latency.count()) / 1000.0}, {"cache_hit", r.cache_hit}});
  }
  std::cout << core::redact(r.text) << '\n';
  print_note(ref + " on " + provider + ": " + std::to_string(r.usage.input_tokens) + " in / " +
             std::to_string(r.usage.output_tokens) + " out tokens" + (r.cache_hit ? " (cached)" : ""));
}

void run_render(Context& ctx, const RenderOptions& o) {
  auto vars = o.vars_file.empty() ? nlohmann::json::object() : read_vars_file(o.vars_file);
  // --var wins over the file.
  auto assigned = core::prompt::parse_var_assignments(o.vars);
  for (const auto& [k, v] : assigned.items()) vars[k] = v;
  auto& store = ctx.prompts(core::lineage::Access::read);
  auto v = resolve_ref(store, o.ref);
  auto spec = core::prompt::from_json(nlohmann::json::parse(v.content_json));
  std::string ref = v.name + "@" + std::to_string(v.number);
  auto rendered = core::prompt::render_prompt(spec, vars, ref);
  if (o.run) return call_model(ctx, o, spec, rendered, ref);
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
  cmd->add_flag("--run", o->run, "Send the rendered prompt to its provider once and print the reply");
  cmd->add_option("--provider", o->provider, "With --run: the provider to use instead of the prompt's");
  cmd->add_flag("--no-cache", o->no_cache, "With --run: bypass the response cache");
  cmd->footer(example({"genops prompt render support-answer@production --var question=\"How do I get a refund?\"",
                       "genops prompt render support-answer --vars-file vars.json --json",
                       "genops prompt render support-answer@production --var question=\"Refund?\" --run"}));
  cmd->callback([&ctx, o] { run_render(ctx, *o); });
}

}  // namespace genops::cli
