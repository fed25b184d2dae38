#include "migrate/common/generated.hpp"

#include "core/error.hpp"
#include "core/fs.hpp"

namespace genops::migrate {

namespace fs = std::filesystem;

void check_target_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return;
  if (!fs::is_directory(dir, ec)) core::fail_input(core::display_path(dir) + " exists and is not a directory",
                                                   {"name a new directory with --into DIR"});
  if (!fs::is_empty(dir, ec))
    core::fail_input(core::display_path(dir) + " is not empty",
                     {"import into a new or empty directory: --into DIR (nothing is overwritten)"});
}

void write_files(const std::vector<GeneratedFile>& files, const fs::path& dir) {
  for (const auto& file : files) {
    fs::path path = dir / file.path;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) core::fail_input("cannot create " + core::display_path(path.parent_path()) + ": " + ec.message());
    core::write_file_atomic(path, file.content);
  }
}

}  // namespace genops::migrate
