#pragma once
// Reading genops.yaml into a Project (internal to core/config).
#include <vector>

#include "core/config/project.hpp"

namespace genops::core::config {

// The built-in defaults, each with origin "default".
std::vector<Setting> default_settings();
// Parses project.file into settings, providers and prices. Throws a located Error(invalid_input).
void read_project_file(Project& project);
// Turns the settings' final values into the typed fields (store path, defaults).
void apply_settings(Project& project);

}  // namespace genops::core::config
