#pragma once
// The composition root: global options, the project and the store, opened
// lazily so that `genops --version` touches nothing. The only place that
// picks implementations.
#include <memory>
#include <optional>
#include <string>

#include "core/config/project.hpp"
#include "core/lineage/store.hpp"

namespace genops::cli {

struct GlobalOptions {
  std::string project_dir;  // --project
  std::string store;        // --store
};

class Context {
 public:
  GlobalOptions options;

  // The project (genops.yaml), loaded on first use; throws Error(invalid_input) when absent.
  const core::config::Project& project();
  // The project when there is one; otherwise settings from the environment only.
  const core::config::Project& project_or_defaults();
  // The store, opened (created, migrated) on first use.
  core::lineage::Store& store();
  // The author recorded with new versions: GENOPS_AUTHOR, git user.name, or $USER.
  std::string author();

 private:
  core::config::ProjectOptions project_options() const;
  std::optional<core::config::Project> m_project;
  std::unique_ptr<core::lineage::Store> m_store;
};

}  // namespace genops::cli
