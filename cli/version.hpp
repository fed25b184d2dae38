#pragma once
// The genops version and the git commit it was built from, printed by
// `genops --version` and recorded in lineage. Both come from a source file
// the build generates (cmake/build_info.cmake).
#include <string>

namespace genops::cli {

// The project version from CMakeLists.txt, e.g. "0.1.0".
const char* build_version();
// The short git commit of the source tree ("-dirty" when it had changes),
// or "unknown" outside a git checkout.
const char* build_commit();

// "0.1.0 (commit 1f3a9c2b7d01)".
inline std::string version_text() { return std::string(build_version()) + " (commit " + build_commit() + ")"; }

}  // namespace genops::cli
