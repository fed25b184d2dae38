#include "cli/retrieval_setup.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace genops::cli {

namespace fs = std::filesystem;

std::vector<fs::path> index_input_files(const std::vector<std::string>& args) {
  std::vector<fs::path> out;
  for (const auto& arg : args) {
    fs::path p = fs::path(arg).lexically_normal();
    if (fs::is_directory(p)) {
      std::vector<fs::path> found;
      for (const auto& e : fs::recursive_directory_iterator(p)) {
        auto ext = e.path().extension().string();
        if (e.is_regular_file() && (ext == ".md" || ext == ".markdown" || ext == ".txt")) found.push_back(e.path());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p)) {
      out.push_back(p);
    } else {
      core::fail_input("file not found: " + arg, {"index add takes text or Markdown files, or directories of them"});
    }
  }
  return out;
}

chains::Embedders index_embedders(Context& ctx) {
  chains::Embedders out;
  auto& indexes = ctx.indexes(core::lineage::Access::read);  // only reads: `index query` must not create a store
  const auto& providers = ctx.project().providers;
  for (const auto& summary : indexes.list_indexes()) {
    const auto& name = summary.settings.embed_provider;
    if (name.empty() || providers.find(name) == providers.end() || out.count(name)) continue;
    try {
      out[name] = &ctx.model_client(name);
    } catch (const core::Error&) {
      // A provider that cannot be built (an unset key) only matters to a vector query, which then names it.
    }
  }
  return out;
}

}  // namespace genops::cli
