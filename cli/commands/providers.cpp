// genops providers list | check NAME
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "providers/describe.hpp"

namespace genops::cli {

namespace {

nlohmann::json description_json(const providers::ProviderDescription& d) {
  return {{"name", d.name}, {"kind", d.kind}, {"model", d.model}, {"base_url", d.base_url},
          {"key_env", d.key_env}, {"key", providers::to_string(d.key_status)}, {"offline", d.offline}};
}

void run_list(Context& ctx, bool json) {
  const auto& project = ctx.project();
  auto out = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows = {{"NAME", "KIND", "MODEL", "BASE URL", "KEY"}};
  for (const auto& [name, config] : project.providers) {
    auto d = providers::describe_provider(config);
    out.push_back(description_json(d));
    std::string key = d.key_env.empty() ? "-" : d.key_env + " (" + providers::to_string(d.key_status) + ")";
    rows.push_back({d.name + (name == project.default_provider ? " *" : ""), d.kind, d.model.empty() ? "-" : d.model,
                    d.base_url.empty() ? "(offline)" : d.base_url, key});
  }
  if (json) return print_json(out);
  if (project.providers.empty()) return print_note("no providers in genops.yaml; see docs/providers.md");
  print_table(rows);
}

struct CheckOptions {
  std::string name;
  bool json = false;
  bool embed = false;  // --embed: an embedding call whatever the model's name
};

void run_check(Context& ctx, const CheckOptions& o) {
  const auto& name = o.name;
  const auto& config = ctx.project().provider(name);
  auto& client = ctx.model_client(name, Context::Cache::no);
  auto call = o.embed ? providers::CheckCall::embedding : providers::check_call_for(config);
  auto result = providers::check_provider(client, call);
  bool json = o.json;
  if (const auto* failure = std::get_if<core::llm::Failure>(&result.outcome)) {
    throw core::Error(core::ErrorKind::provider,
                      "provider " + name + ": " + core::llm::to_string(failure->kind) + ": " + failure->message,
                      {failure->url.empty() ? "check the provider's configuration in genops.yaml" : "endpoint: " + failure->url});
  }
  const auto& r = std::get<core::llm::Response>(result.outcome);
  double ms = static_cast<double>(r.latency.count()) / 1000.0;
  if (json) {
    return print_json({{"name", name}, {"ok", true}, {"model", r.model}, {"latency_ms", ms},
                       {"input_tokens", r.usage.input_tokens}, {"output_tokens", r.usage.output_tokens},
                       {"tokens_estimated", r.usage.estimated}, {"dims", result.dims}, {"reply", r.text}});
  }
  std::cout << "ok: " << name << " (" << config.kind << ")  model " << (r.model.empty() ? config.model : r.model)
            << "  " << ms << " ms";
  if (result.dims) std::cout << "  " << result.dims << " dims";
  else std::cout << "  tokens " << r.usage.input_tokens << " in / " << r.usage.output_tokens << " out"
                 << (r.usage.estimated ? " (estimated)" : "");
  std::cout << '\n';
}

}  // namespace

void add_providers_commands(CLI::App& app, Context& ctx) {
  auto* providers = app.add_subcommand("providers", "Configured model providers: list, check");
  providers->require_subcommand(1);
  providers->footer(example({"genops providers list", "genops providers check local"}));
  auto json = std::make_shared<bool>(false);
  auto* list = providers->add_subcommand("list", "Name, kind, model, redacted base URL and whether the key variable is set");
  list->add_flag("--json", *json, "Print JSON");
  list->footer(example({"genops providers list"}));
  list->callback([&ctx, json] { run_list(ctx, *json); });

  auto check = std::make_shared<CheckOptions>();
  auto* check_cmd = providers->add_subcommand(
      "check", "Make one minimal real request (an embedding for an embedding model); print latency, model and "
               "tokens or dims (exit 4 on failure)");
  check_cmd->add_option("name", check->name, "Provider name from genops.yaml")->required();
  check_cmd->add_flag("--json", check->json, "Print JSON");
  check_cmd->add_flag("--embed", check->embed,
                      "Make an embedding call (the default for kind hash-embed and models whose name contains \"embed\")");
  check_cmd->footer(example({"genops providers check local", "OPENAI_API_KEY=... genops providers check gpt",
                             "genops providers check bge --embed"}));
  check_cmd->callback([&ctx, check] { run_check(ctx, *check); });
}

}  // namespace genops::cli
