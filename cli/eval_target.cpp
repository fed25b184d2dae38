#include "cli/eval_target.hpp"

#include <set>

#include "chains/loader.hpp"
#include "cli/chain_setup.hpp"
#include "cli/output.hpp"
#include "cli/retrieval_setup.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "chains/index/index_retriever.hpp"
#include "core/prompt/prompt_spec.hpp"
#include "core/prompt/reference.hpp"
#include "core/strings.hpp"

namespace genops::cli {

namespace {

// A prompt version as a one-step chain: its inputs become the chain's.
std::string prompt_chain_text(const core::prompt::PromptVersionRecord& version) {
  auto content = core::parse_json(version.content_json);
  nlohmann::json inputs = nlohmann::json::object(), vars = nlohmann::json::object();
  auto add_input = [&](const std::string& name, const nlohmann::json& spec) {
    nlohmann::json input = nlohmann::json::object();
    if (spec.is_object()) {
      if (spec.contains("type")) input["type"] = spec["type"];
      if (spec.contains("default")) input["default"] = spec["default"];
    }
    inputs[name] = input;
    vars[name] = "{{inputs." + name + "}}";
  };
  // The canonical content lists inputs as [{name, type, default}]; a file writes a map.
  const nlohmann::json none;
  const auto& declared = content && content->contains("inputs") ? (*content)["inputs"] : none;
  if (declared.is_array()) {
    for (const auto& spec : declared)
      if (spec.is_object() && spec.contains("name") && spec["name"].is_string()) add_input(spec["name"], spec);
  } else if (declared.is_object()) {
    for (const auto& [name, spec] : declared.items()) add_input(name, spec);
  }
  nlohmann::json step = {{"id", "answer"}, {"kind", "llm"}, {"prompt", version.name + "@" + std::to_string(version.number)}};
  if (!vars.empty()) step["vars"] = vars;
  nlohmann::json chain = {{"version", 1}, {"name", version.name}, {"steps", nlohmann::json::array({step})}};
  if (!inputs.empty()) chain["inputs"] = inputs;
  return core::dump_json(chain, 2);  // JSON is YAML
}

// A prompt file as the target: the file as it is now, registered as a version
// exactly as `genops prompt add` would (identical content adds nothing).
core::prompt::PromptVersionRecord add_prompt_file(core::prompt::PromptStore& prompts, const std::filesystem::path& file,
                                                   const std::string& author) {
  auto spec = core::prompt::load_prompt_file(file.string());
  core::prompt::NewPromptVersion version{
      spec.name,
      core::prompt::content_hash(spec),
      core::prompt::to_json(spec).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      core::read_file(file),
      core::display_path(file),
      "",
      author};
  return prompts.add_version(version).version;
}

// Only the target's own inputs: other dataset columns stay with the case
// (assertions and reports use them) but a chain rejects unknown inputs.
nlohmann::json target_inputs(const nlohmann::json& vars, const std::set<std::string>& declared) {
  nlohmann::json inputs = nlohmann::json::object();
  for (const auto& [name, value] : vars.items())
    if (declared.count(name)) inputs[name] = value;
  return inputs;
}

std::string output_text(const nlohmann::json& outputs, const std::string& pick) {
  const nlohmann::json* value = &outputs;
  if (!pick.empty()) {
    if (!outputs.is_object() || !outputs.contains(pick)) return "";
    value = &outputs[pick];
  } else if (outputs.is_object() && outputs.size() == 1) {
    value = &outputs.begin().value();
  }
  return value->is_string() ? value->get<std::string>() : core::dump_json(*value);
}

}  // namespace

struct EvalTarget::Lane {
  std::shared_ptr<const chains::ChainSet> chains;
  std::unique_ptr<chains::Runner> runner;
};

EvalTarget::EvalTarget(Context& ctx, const eval::Suite& suite, chains::RunSink& sink, Context::Cache cache,
                       int threads) {
  const auto& project = ctx.project();
  std::string text;
  std::filesystem::path chain_file = suite.target.chain;
  if (!suite.target.prompt.empty()) {
    auto& prompts = ctx.prompts();
    auto version = suite.target.prompt_file.empty()
                       ? core::prompt::resolve_prompt_ref(prompts, core::prompt::parse_prompt_ref(suite.target.prompt))
                       : add_prompt_file(prompts, suite.target.prompt_file, ctx.author());
    text = prompt_chain_text(version);
    chain_file = suite.path.parent_path() / ("prompt-" + version.name + ".yaml");
    m_description = "prompt " + suite.target.prompt + " (" + version.name + "@" + std::to_string(version.number) + ")";
  } else {
    m_description = "chain " + core::display_path(suite.target.chain);
  }
  m_output = suite.target.output;
  m_providers = suite.providers.empty() ? std::vector<std::string>{""} : suite.providers;
  for (const auto& provider : m_providers) {
    chains::LoadOptions options;
    options.project_root = project.root;
    options.default_provider = project.default_provider;
    for (const auto& [name, _] : project.providers) options.providers.push_back(name);
    if (!provider.empty()) {
      (void)project.provider(provider);  // unknown: Error(invalid_input) with a did-you-mean
      options.provider_override = provider;
    }
    options.prompt_files = chains::PromptFiles::register_versions;
    options.author = [&ctx] { return ctx.author(); };
    options.prompt_store = [&ctx]() -> core::prompt::PromptStore& { return ctx.prompts(); };
    auto lane = std::make_unique<Lane>();
    lane->chains = std::make_shared<const chains::ChainSet>(
        text.empty() ? chains::load_chain(chain_file, options)
                     : chains::load_chain_text(text, suite.target.prompt, chain_file, options));
    for (const auto& name : lane->chains->providers()) m_clients.emplace(name, &ctx.model_client(name, cache));
    m_lanes[provider] = std::move(lane);
  }
  const auto& root = m_lanes.begin()->second->chains->root();
  m_version = root.version;
  for (const auto& input : root.inputs) {
    m_inputs.insert(input.name);
    if (input.required()) m_required.push_back(input.name);
  }
  if (!suite.target.output.empty()) {
    bool known = std::any_of(root.outputs.begin(), root.outputs.end(),
                             [&](const auto& o) { return o.first == suite.target.output; });
    if (!known) {
      std::vector<std::string> names;
      for (const auto& o : root.outputs) names.push_back(o.first);
      core::fail_input(core::display_path(suite.path) + ": target.output: chain " + root.name + " has no output " +
                           core::quote(suite.target.output),
                       {core::suggest(suite.target.output, names), "its outputs: " + core::join(names, ", ")});
    }
  }
  for (const auto& ref : m_lanes.begin()->second->chains->prompt_refs()) {
    auto at = ref.rfind('@');
    if (at == std::string::npos) continue;
    try {
      m_prompts.emplace_back(ref.substr(0, at), std::stoll(ref.substr(at + 1)));
    } catch (const std::exception&) {
    }
  }
  m_git_commit = cli::git_commit(project.root);  // once: it runs git
  const std::string host = host_name();
  m_retriever = ctx.open_index_retriever(index_embedders(ctx));
  for (auto& [provider, lane] : m_lanes) {
    chains::Services services;
    services.client = [this](const std::string& name) -> core::llm::ModelClient& {
      auto it = m_clients.find(name);
      if (it == m_clients.end()) core::fail_input("provider " + name + " is not configured");
      return *it->second;
    };
    services.sink = &sink;
    services.secret_env = secret_env_names(ctx);
    services.retriever = m_retriever.get();
    services.warn = [](const std::string& message) { print_warning(message); };
    lane->runner = std::make_unique<chains::Runner>(lane->chains, services,
                                                    chains::RunnerOptions{threads, m_git_commit, host});
  }
}

EvalTarget::~EvalTarget() { shutdown(); }

std::vector<std::string> EvalTarget::called_providers() const {
  std::vector<std::string> names;
  for (const auto& [name, _] : m_clients) names.push_back(name);
  return names;
}

std::string EvalTarget::provider_used() const {
  if (m_providers.size() != 1 || !m_providers.front().empty()) return "";
  return core::join(called_providers(), ", ");
}

eval::TargetFn EvalTarget::function(const std::string& batch_id) {
  return [this, batch_id](const nlohmann::json& vars, const std::string& provider,
                          std::function<void(eval::TargetOutcome)> done) {
    auto& lane = *m_lanes.at(provider);
    chains::RunRequest request;
    request.inputs = target_inputs(vars, m_inputs);
    request.batch_id = batch_id;
    std::string pick = m_output;
    lane.runner->start(std::move(request), [done = std::move(done), pick](chains::RunResult r) {
      eval::TargetOutcome out;
      out.run_id = r.run_id;
      out.latency_ms = r.duration.count();
      out.input_tokens = r.input_tokens;
      out.output_tokens = r.output_tokens;
      out.cost_usd = r.cost_usd;
      if (r.status == chains::RunStatus::succeeded) {
        out.output = output_text(r.outputs, pick);
        out.outputs = std::move(r.outputs);
      } else {
        out.interrupted = r.status == chains::RunStatus::interrupted;
        out.error = r.error.empty() ? std::string(chains::to_string(r.status)) : r.error;
      }
      done(std::move(out));
    });
  };
}

void EvalTarget::interrupt() {
  for (auto& [_, lane] : m_lanes)
    if (lane->runner) lane->runner->interrupt();
}

void EvalTarget::shutdown() {
  for (auto& [_, lane] : m_lanes)
    if (lane->runner) lane->runner->shutdown();
}

}  // namespace genops::cli
