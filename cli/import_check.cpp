#include "cli/import_check.hpp"

#include "chains/loader.hpp"
#include "core/config/project.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/prompt/prompt_spec.hpp"
#include "core/strings.hpp"
#include "eval/suite/loader.hpp"

namespace genops::cli {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail_generated(const fs::path& file, const std::string& what, const std::string& source = "promptfoo config") {
  throw core::Error(core::ErrorKind::internal,
                    "genops import wrote " + core::display_path(file) + ", which does not load: " + what,
                    {"this is a bug in the importer; please report it with the " + source});
}

void check_provider(const core::config::Project& project, const fs::path& file, const std::string& name) {
  if (!name.empty() && !project.providers.count(name)) fail_generated(file, "provider " + core::quote(name) + " is not in genops.yaml");
}

core::config::Project load_generated_project(const fs::path& dir, const std::string& source) {
  core::config::ProjectOptions options;
  options.project_dir = dir;
  options.cwd = dir;
  options.getenv = [](std::string_view) { return std::optional<std::string>(); };
  try {
    return core::config::load_project(options);
  } catch (const core::Error& e) {
    fail_generated(dir / "genops.yaml", e.what(), source);
  }
}

}  // namespace

void check_imported_chain(const fs::path& dir, const migrate::promptflow::ImportPlan& plan) {
  const std::string source = "Prompt flow";
  auto project = load_generated_project(dir, source);
  for (const auto& rel : plan.prompt_files) {
    try {
      auto spec = core::prompt::load_prompt_file((dir / rel).string());
      check_provider(project, dir / rel, spec.model.value("provider", ""));
    } catch (const core::Error& e) {
      if (e.kind() == core::ErrorKind::internal) throw;
      fail_generated(dir / rel, e.what(), source);
    }
  }
  chains::LoadOptions options;
  options.project_root = dir;
  for (const auto& [name, _] : project.providers) options.providers.push_back(name);
  options.default_provider = project.default_provider;
  options.prompt_files = chains::PromptFiles::read_only;
  try {
    chains::load_chain(dir / plan.chain_file, options);
  } catch (const core::Error& e) {
    fail_generated(dir / plan.chain_file, e.what(), source);
  }
}

void check_imported_project(const fs::path& dir, const migrate::promptfoo::ImportPlan& plan) {
  auto project = load_generated_project(dir, "promptfoo config");
  for (const auto& rel : plan.prompt_files) {
    try {
      auto spec = core::prompt::load_prompt_file((dir / rel).string());
      check_provider(project, dir / rel, spec.model.value("provider", ""));
    } catch (const core::Error& e) {
      if (e.kind() == core::ErrorKind::internal) throw;
      fail_generated(dir / rel, e.what());
    }
  }
  for (const auto& rel : plan.eval_files) {
    try {
      auto suite = eval::load_suite(dir / rel);
      if (suite.tests.size() != plan.cases)
        fail_generated(dir / rel, std::to_string(suite.tests.size()) + " cases, planned " + std::to_string(plan.cases));
      for (const auto& p : suite.providers) check_provider(project, dir / rel, p);
      check_provider(project, dir / rel, suite.judge);
      for (const auto& t : suite.tests)
        for (const auto& a : t.asserts) check_provider(project, dir / rel, a.provider);
      for (const auto& a : suite.default_asserts) check_provider(project, dir / rel, a.provider);
    } catch (const core::Error& e) {
      if (e.kind() == core::ErrorKind::internal) throw;
      fail_generated(dir / rel, e.what());
    }
  }
}

}  // namespace genops::cli
