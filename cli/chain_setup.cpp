#include "cli/chain_setup.hpp"

#include <unistd.h>

#include <cstdio>

#include "core/git_head.hpp"
#include "core/strings.hpp"

namespace genops::cli {

std::shared_ptr<const chains::ChainSet> load_chain_file(Context& ctx, const std::string& file, chains::PromptFiles mode,
                                                        const std::optional<std::string>& provider_override) {
  const auto& project = ctx.project();
  chains::LoadOptions options;
  options.project_root = project.root;
  options.default_provider = project.default_provider;
  for (const auto& [name, _] : project.providers) options.providers.push_back(name);
  if (provider_override) {
    (void)project.provider(*provider_override);  // unknown: Error(invalid_input) with a did-you-mean
    options.provider_override = provider_override;
  }
  options.prompt_files = mode;
  if (mode == chains::PromptFiles::register_versions) options.author = [&ctx] { return ctx.author(); };
  options.prompt_store = [&ctx]() -> core::prompt::PromptStore& { return ctx.prompts(); };
  return std::make_shared<const chains::ChainSet>(chains::load_chain(file, options));
}

std::string git_commit(const std::filesystem::path& dir) {
  if (auto head = core::read_git_head(dir)) return *head;  // no git process in the usual layouts
  std::string command = "git -C '" + dir.string() + "' rev-parse HEAD 2>/dev/null";
  if (dir.string().find('\'') != std::string::npos) return "";
  std::string out;
  if (std::FILE* pipe = popen(command.c_str(), "r")) {
    char buf[128];
    while (std::fgets(buf, sizeof buf, pipe)) out += buf;
    pclose(pipe);
  }
  out = core::trim(out);
  return out.size() == 40 ? out : "";
}

std::vector<std::string> secret_env_names(Context& ctx) {
  std::vector<std::string> names;
  for (const auto& [name, provider] : ctx.project().providers)
    if (!provider.api_key_env.empty()) names.push_back(provider.api_key_env);
  return names;
}

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "";
  return buf;
}

}  // namespace genops::cli
