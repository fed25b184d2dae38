#include "migrate/promptfoo/file_ref.hpp"

#include <algorithm>
#include <cctype>

namespace genops::migrate::promptfoo {

namespace fs = std::filesystem;

std::optional<std::string> file_ref_path(std::string_view text) {
  constexpr std::string_view prefix = "file://";
  if (text.substr(0, prefix.size()) != prefix) return std::nullopt;
  return std::string(text.substr(prefix.size()));
}

std::string extension_of(const fs::path& path) {
  std::string ext = path.extension().string();
  if (!ext.empty()) ext.erase(0, 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool glob_match(std::string_view pattern, std::string_view name) {
  if (pattern.empty()) return name.empty();
  if (pattern.front() == '*') {
    for (std::size_t skip = 0; skip <= name.size(); ++skip)
      if (glob_match(pattern.substr(1), name.substr(skip))) return true;
    return false;
  }
  if (name.empty()) return false;
  if (pattern.front() != '?' && pattern.front() != name.front()) return false;
  return glob_match(pattern.substr(1), name.substr(1));
}

ResolvedRef resolve_file_ref(const fs::path& base_dir, std::string_view ref_path) {
  ResolvedRef out;
  std::string path(ref_path);
  // file://x.py:fn and file://x.js:fn name a function in a script.
  auto colon = path.rfind(':');
  if (colon != std::string::npos && colon > 1 && path.find('/', colon) == std::string::npos) {
    out.function = path.substr(colon + 1);
    path.erase(colon);
  }
  fs::path full = fs::path(path).is_absolute() ? fs::path(path) : base_dir / path;
  std::string name = full.filename().string();
  if (name.find_first_of("*?") == std::string::npos) {
    out.files.push_back(full.lexically_normal());
    return out;
  }
  std::error_code ec;
  for (fs::directory_iterator it(full.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && glob_match(name, it->path().filename().string()))
      out.files.push_back(it->path().lexically_normal());
  }
  std::sort(out.files.begin(), out.files.end());
  return out;
}

}  // namespace genops::migrate::promptfoo
