#pragma once
// What the chain and run commands share: loading a chain file against the
// project (providers, prompt store) and the provenance recorded with runs.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chains/chain.hpp"
#include "chains/loader.hpp"
#include "cli/context.hpp"

namespace genops::cli {

// Loads `file` and the chains it calls. With PromptFiles::register_versions
// prompt files become versions in the store (`genops run`); otherwise the
// store is opened only for NAME@LABEL references. Throws Error(invalid_input).
std::shared_ptr<const chains::ChainSet> load_chain_file(Context& ctx, const std::string& file, chains::PromptFiles mode,
                                                        const std::optional<std::string>& provider_override);

// Every provider's api_key_env: variables exec steps never see.
std::vector<std::string> secret_env_names(Context& ctx);

// The project's git commit (HEAD), or "" outside a git work tree.
std::string git_commit(const std::filesystem::path& dir);
// This machine's host name.
std::string host_name();

}  // namespace genops::cli
