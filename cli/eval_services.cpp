#include "cli/eval_services.hpp"

#include "cli/judge_recorder.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "providers/registry.hpp"

namespace genops::cli {

namespace {

constexpr const char* k_builtin_embed = "hash-embed";

}  // namespace

EvalServices::EvalServices(Context& ctx, eval::Suite& suite, chains::RunSink& sink, std::string eval_run_id,
                           Context::Cache cache)
    : m_ctx(ctx), m_cache(cache) {
  for (auto& spec : suite.default_asserts) bind(spec, suite);
  for (auto& test : suite.tests)
    for (auto& spec : test.asserts) bind(spec, suite);
  m_services.project_dir = ctx.project().root.string();
  for (const auto& [name, provider] : ctx.project().providers)
    if (!provider.api_key_env.empty()) m_services.secret_env.push_back(provider.api_key_env);
  m_services.client = [this](const std::string& name) -> core::llm::ModelClient& {
    auto it = m_clients.find(name);
    if (it == m_clients.end()) core::fail_input("provider " + core::quote(name) + " is not configured");
    return *it->second;
  };
  m_services.record_call = [&sink, run_id = std::move(eval_run_id)](const std::string& provider,
                                                                    const core::llm::Request& request,
                                                                    const core::llm::Outcome& outcome) {
    record_judge_call(sink, run_id, provider, request, outcome);
  };
}

EvalServices::~EvalServices() = default;

void EvalServices::bind(eval::assertions::AssertionSpec& spec, const eval::Suite& suite) {
  const auto uses = eval::assertions::assertion_traits(spec.type).uses;
  if (uses == eval::assertions::Uses::program) m_slow = true;
  bool judge = uses == eval::assertions::Uses::judge;
  if (!judge && uses != eval::assertions::Uses::embedding) return;
  if (spec.provider.empty()) {
    if (judge) {
      if (suite.judge.empty())
        core::fail_input(spec.where + ": " + spec.type + " needs a judge provider",
                         {"set `provider:` on the assertion, or `defaults: {judge: NAME}` in the eval file"});
      spec.provider = suite.judge;
    } else {
      const auto& providers = m_ctx.project().providers;
      for (const auto& [name, config] : providers)
        if (config.kind == "hash-embed" && spec.provider.empty()) spec.provider = name;
      if (spec.provider.empty()) spec.provider = k_builtin_embed;
    }
  }
  if (m_clients.count(spec.provider)) return;
  const auto& providers = m_ctx.project().providers;
  if (spec.provider == k_builtin_embed && !providers.count(k_builtin_embed)) {
    core::config::ProviderConfig config;
    config.name = k_builtin_embed;
    config.kind = "hash-embed";
    config.project_root = m_ctx.project().root;
    m_builtin_embed = providers::make_client(config, m_ctx.client_deps(m_cache));
    m_clients[spec.provider] = m_builtin_embed.get();
    return;
  }
  if (!providers.count(spec.provider)) {
    std::vector<std::string> names;
    for (const auto& [name, _] : providers) names.push_back(name);
    core::fail_input(spec.where + ": provider " + core::quote(spec.provider) + " is not configured in genops.yaml",
                     {core::suggest(spec.provider, names)});
  }
  auto& client = m_ctx.model_client(spec.provider, m_cache,
                                     judge && m_ctx.judges_live ? Context::Batch::no : Context::Batch::yes);
  m_clients[spec.provider] = &client;
  const auto& kind = providers.at(spec.provider).kind;
  if (kind != "hash-embed" && kind != "echo" && kind != "mock") m_slow = true;
  if (judge) m_slow = true;
}

}  // namespace genops::cli
