// Resolving an llm or agent step's `prompt:` to a prompt version.
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

PromptBinding Loader::bind_prompt_file(const Node& node, const fs::path& path, const Chain& from) {
  auto spec = core::prompt::load_prompt_file(path.string());
  auto hash = core::prompt::content_hash(spec);
  if (m_options.prompt_files == PromptFiles::read_only || !m_options.prompt_store) {
    std::string ref = spec.name + " (" + core::display_path(path) + ", sha:" + hash.substr(0, 12) + ")";
    return binding_of(std::move(spec), std::move(ref), std::move(hash));
  }
  core::lineage::NewPromptVersion nv{spec.name, hash, core::dump_json(core::prompt::to_json(spec)),
                                     core::read_file(path), core::display_path(path),
                                     "registered on first use by chain " + from.name, m_options.author};
  auto outcome = m_options.prompt_store().add_version(nv);
  (void)node;
  std::string ref = spec.name + "@" + std::to_string(outcome.version.number);
  return binding_of(std::move(spec), std::move(ref), std::move(hash));
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
