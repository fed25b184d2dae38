#pragma once
// Loading a chain file (DESIGN §1) with strict, located validation: version 1,
// known keys only (did-you-mean), unique step ids, every template and `when`
// reference bound, an acyclic step graph, prompt references resolved,
// providers configured, output schemas valid.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chains/chain.hpp"
#include "core/prompt/prompt_store.hpp"

namespace genops::chains {

// Whether a prompt given as a file path is registered as a version in the
// store (`genops run`) or only read (`genops chain validate`).
enum class PromptFiles { register_versions, read_only };

struct LoadOptions {
  // Opens the prompt store on first use; called only for NAME@LABEL
  // references and, with register_versions, prompt files.
  std::function<core::prompt::PromptStore&()> prompt_store;
  PromptFiles prompt_files = PromptFiles::read_only;
  // Who is recorded with registered versions; asked only when a version is registered
  // (it may run git). Empty: "".
  std::function<std::string()> author;
  std::filesystem::path project_root;          // prompt file paths resolve here first
  std::vector<std::string> providers;          // configured provider names
  std::string default_provider;                // defaults.provider
  std::optional<std::string> provider_override;  // --provider: every llm and agent step
};

// Loads `file` and every chain it calls. Throws a located Error(invalid_input)
// on the first problem; a cycle between steps names every step in it.
ChainSet load_chain(const std::filesystem::path& file, const LoadOptions& options);

// As load_chain, for chain text built in memory: `name` is shown in messages
// and `file` (which need not exist) places the chain for relative paths.
ChainSet load_chain_text(std::string text, std::string name, const std::filesystem::path& file,
                         const LoadOptions& options);

}  // namespace genops::chains
