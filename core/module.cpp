#include "core/module.hpp"

#include <dlfcn.h>

#include <mutex>
#include <set>

#include "core/error.hpp"

namespace genops::core {

std::vector<std::filesystem::path> module_dirs() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const auto dir = exe.parent_path();
  return {dir / "lib" / "genops", dir.parent_path() / "lib" / "genops"};
}

void load_module(const std::string& name) {
  static std::mutex mutex;
  static std::set<std::string> loaded;
  std::lock_guard lock(mutex);
  if (loaded.count(name)) return;
  const std::string file = name + ".so";
  std::vector<std::string> problems;
  for (const auto& dir : module_dirs()) {
    const auto path = dir / file;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      problems.push_back(path.string() + ": not found");
      continue;
    }
    if (dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL) != nullptr) {
      loaded.insert(name);
      return;
    }
    const char* why = dlerror();
    problems.push_back(why ? std::string(why) : path.string() + ": cannot be loaded");
  }
  std::string tried;
  for (const auto& p : problems) tried += (tried.empty() ? "" : "; ") + p;
  throw Error(ErrorKind::internal, file + ": the genops module cannot be loaded (" + (tried.empty() ? "/proc/self/exe unreadable" : tried) + ")",
              {"genops looks for its modules in lib/genops next to the binary's folder (/usr/lib/genops for /usr/bin/genops)",
               "reinstall genops (apt-get install --reinstall genops, or rebuild and copy lib/genops/ with the binary)"});
}

}  // namespace genops::core
