#pragma once
// The project: genops.yaml found by walking up from the working directory
// (or --project DIR), and the settings that come from defaults, genops.yaml,
// the environment and flags, in that order of precedence.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/provider_config.hpp"
#include "core/config/telemetry_config.hpp"

namespace genops::core::config {

// One effective setting and where its value came from.
struct Setting {
  std::string key;     // "store", "defaults.provider", ...
  std::string value;
  std::string origin;  // "default", "genops.yaml:4", "env GENOPS_STORE", "flag --store"
};

// What the command line says about the project.
struct ProjectOptions {
  std::optional<std::filesystem::path> project_dir;  // --project DIR
  std::optional<std::string> store;                  // --store PATH
  std::optional<std::string> provider;               // --provider NAME
  std::optional<int> concurrency;                    // -j N
  std::filesystem::path cwd = std::filesystem::current_path();
  // Reads an environment variable; injectable for tests.
  std::function<std::optional<std::string>(std::string_view)> getenv;
};

struct Project {
  std::filesystem::path root;  // the directory holding genops.yaml; cwd when none
  std::filesystem::path file;  // genops.yaml, or empty when running without one
  std::filesystem::path store_path;
  std::string default_provider;
  ProviderLimits defaults;
  std::map<std::string, ProviderConfig> providers;
  std::map<std::string, Price> prices;
  TelemetryFile telemetry;  // `telemetry:` (docs/telemetry.md)
  std::vector<Setting> settings;  // for `genops config show`

  bool has_file() const { return !file.empty(); }
  const Setting* setting(std::string_view key) const;
  // The provider named `name`; throws Error(invalid_input) with a did-you-mean.
  const ProviderConfig& provider(std::string_view name) const;
};

// The environment of this process.
std::optional<std::string> process_env(std::string_view name);

// genops.yaml in `start` or the nearest parent, or nullopt.
std::optional<std::filesystem::path> find_project_file(const std::filesystem::path& start);

// Loads the project. Without genops.yaml it still works when GENOPS_STORE or
// --store names a store (no providers then); otherwise `require` decides
// whether that is an error (Error(invalid_input) with a hint to run genops init).
enum class Require { project, store_only };
Project load_project(const ProjectOptions& options, Require require = Require::project);

}  // namespace genops::core::config
