#pragma once
// promptfoo's `file://` references: paths relative to the config's folder,
// with `*` / `?` globs in the file name part (file://tests/*.yaml).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace genops::migrate::promptfoo {

// The path after `file://`, or nullopt when `text` is not a file reference.
std::optional<std::string> file_ref_path(std::string_view text);

// The files a reference names, sorted; a glob matching nothing gives none. A
// `:function` suffix (file://x.py:fn) is kept out of the path and returned in `function`.
struct ResolvedRef {
  std::vector<std::filesystem::path> files;
  std::string function;
};
ResolvedRef resolve_file_ref(const std::filesystem::path& base_dir, std::string_view ref_path);

// The lower-case extension without its dot: "csv", "yaml".
std::string extension_of(const std::filesystem::path& path);

// Whether `name` matches a glob of `*` and `?`.
bool glob_match(std::string_view pattern, std::string_view name);

}  // namespace genops::migrate::promptfoo
