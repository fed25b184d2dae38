// Resolving an llm or agent step's `prompt:` to a prompt version.
#include <functional>

#include "chains/load/loader_impl.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "core/prompt/reference.hpp"
#include "core/strings.hpp"

namespace genops::chains {

using core::yaml::Node;
namespace fs = std::filesystem;

namespace {

bool looks_like_file(const std::string& text) {
  auto ends_with = [&](std::string_view suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return text.find('/') != std::string::npos || ends_with(".yaml") || ends_with(".yml");
}

PromptBinding binding_of(core::prompt::PromptSpec spec, std::string ref, std::string hash) {
  PromptBinding b;
  for (const auto& in : spec.inputs) b.template_vars.push_back(in.name);
  b.spec = std::move(spec);
  b.ref = std::move(ref);
  b.hash = std::move(hash);
  return b;
}

}  // namespace

PromptBinding Loader::bind_prompt_file(const Node&, const fs::path& path, const Chain&) {
  auto spec = core::prompt::load_prompt_file(path.string());
  auto hash = core::prompt::content_hash(spec);
  std::string ref = spec.name + " (" + core::display_path(path) + ", sha:" + hash.substr(0, 12) + ")";
  auto binding = binding_of(std::move(spec), std::move(ref), std::move(hash));
  binding.file = path;
  return binding;
}

void Loader::register_prompt_files() {
  if (m_options.prompt_files == PromptFiles::read_only || !m_options.prompt_store) return;
  std::function<void(Step&, const Chain&)> walk = [&](Step& step, const Chain& chain) {
    auto visit = [&](ModelCall& call) {
      if (!call.prompt || call.prompt->file.empty()) return;
      auto& b = *call.prompt;
      core::prompt::NewPromptVersion nv{b.spec.name, b.hash, core::dump_json(core::prompt::to_json(b.spec)),
                                         core::read_file(b.file), core::display_path(b.file),
                                         "registered on first use by chain " + chain.name,
                                         m_options.author ? m_options.author() : std::string()};
      auto outcome = m_options.prompt_store().add_version(nv);
      b.ref = b.spec.name + "@" + std::to_string(outcome.version.number);
      b.file.clear();
    };
    if (auto* llm = std::get_if<LlmStep>(&step.body)) visit(llm->call);
    if (auto* agent = std::get_if<AgentStep>(&step.body)) {
      visit(agent->call);
      for (auto& tool : agent->tools) {
        if (tool.step) walk(*tool.step, chain);
      }
    }
    if (auto* map = std::get_if<MapStep>(&step.body)) walk(*map->step, chain);
    if (auto* loop = std::get_if<LoopStep>(&step.body)) walk(*loop->step, chain);
  };
  for (auto& chain : m_set.m_chains) {
    for (auto& step : chain->steps) walk(step, *chain);
  }
}

PromptBinding Loader::bind_prompt(const Node& node, const Chain& from) {
  const std::string& text = node.as_string();
  if (looks_like_file(text)) return bind_prompt_file(node, find_file(node, from.file.parent_path(), "prompt"), from);
  if (!m_options.prompt_store) node.fail("prompt reference " + core::quote(text) + " needs the lineage store");
  try {
    auto ref = core::prompt::parse_prompt_ref(text);
    auto version = core::prompt::resolve_prompt_ref(m_options.prompt_store(), ref);
    auto spec = core::prompt::from_json(nlohmann::json::parse(version.content_json));
    return binding_of(std::move(spec), version.name + "@" + std::to_string(version.number), version.hash);
  } catch (const core::Error& e) {
    if (e.kind() != core::ErrorKind::invalid_input) throw;
    std::vector<std::string> hints = e.hints();
    hints.push_back("register prompt files with: genops prompt add FILE, or give the file path here");
    node.fail(e.what(), hints);
  }
}

}  // namespace genops::chains
