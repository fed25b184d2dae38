#pragma once
// The files an importer plans, and writing them into a new project folder.
#include <filesystem>
#include <string>
#include <vector>

namespace genops::migrate {

struct GeneratedFile {
  std::filesystem::path path;  // relative to the project directory
  std::string content;
};

// Fails with Error(invalid_input) when `dir` exists and is not an empty directory.
void check_target_dir(const std::filesystem::path& dir);

// Writes every file under `dir` (created). Throws Error(invalid_input) on I/O errors.
void write_files(const std::vector<GeneratedFile>& files, const std::filesystem::path& dir);

}  // namespace genops::migrate
