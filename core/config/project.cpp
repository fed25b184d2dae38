#include "core/config/project.hpp"

#include <cstdlib>

#include "core/config/project_file.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/strings.hpp"

namespace genops::core::config {

namespace fs = std::filesystem;

std::optional<std::string> process_env(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

std::optional<fs::path> find_project_file(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  while (true) {
    auto candidate = dir / "genops.yaml";
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

const Setting* Project::setting(std::string_view key) const {
  for (const auto& s : settings) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

const ProviderConfig& Project::provider(std::string_view name) const {
  auto it = providers.find(std::string(name));
  if (it != providers.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [n, _] : providers) names.push_back(n);
  std::string where = has_file() ? display_path(file) : "this directory (no genops.yaml)";
  fail_input("unknown provider " + quote(name) + " (not in " + where + ")", {suggest(name, names)});
}

namespace {

// Applies environment and flag overrides on top of what the file said.
void apply_overrides(Project& project, const ProjectOptions& options) {
  auto env = options.getenv ? options.getenv : process_env;
  auto set = [&](const std::string& key, const std::string& value, const std::string& origin) {
    for (auto& s : project.settings) {
      if (s.key == key) {
        s.value = value;
        s.origin = origin;
        return;
      }
    }
    project.settings.push_back({key, value, origin});
  };
  struct Override {
    const char* key;
    const char* env;
    std::optional<std::string> flag;
    const char* flag_name;
  };
  std::vector<Override> table = {
      {"store", "GENOPS_STORE", options.store, "--store"},
      {"defaults.provider", "GENOPS_PROVIDER", options.provider, "--provider"},
      {"defaults.concurrency", "GENOPS_CONCURRENCY",
       options.concurrency ? std::optional(std::to_string(*options.concurrency)) : std::nullopt, "-j"},
      {"defaults.timeout", "GENOPS_TIMEOUT", std::nullopt, ""},
      {"defaults.max_retries", "GENOPS_MAX_RETRIES", std::nullopt, ""},
  };
  for (const auto& o : table) {
    if (auto v = env(o.env)) set(o.key, *v, std::string("env ") + o.env);
    if (o.flag) set(o.key, *o.flag, std::string("flag ") + o.flag_name);
  }
  apply_settings(project);
}

}  // namespace

Project load_project(const ProjectOptions& options, Require require) {
  Project project;
  std::optional<fs::path> file;
  if (options.project_dir) {
    auto candidate = fs::absolute(*options.project_dir) / "genops.yaml";
    if (!fs::is_regular_file(candidate))
      fail_input("--project " + options.project_dir->string() + ": no genops.yaml there",
                 {"create one with: genops init " + options.project_dir->string()});
    file = candidate;
  } else {
    file = find_project_file(options.cwd);
  }
  project.settings = default_settings();
  if (file) {
    project.file = *file;
    project.root = file->parent_path();
    read_project_file(project);
  } else {
    project.root = options.cwd;
  }
  apply_overrides(project, options);
  if (!file && require == Require::project && !options.store && !(options.getenv ? options.getenv : process_env)("GENOPS_STORE")) {
    fail_input("no genops.yaml in " + options.cwd.string() + " or any parent directory",
               {"create a project with: genops init", "or name one with --project DIR, or a store with GENOPS_STORE"});
  }
  return project;
}

}  // namespace genops::core::config
