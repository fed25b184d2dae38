#pragma once
// Optional parts of genops built as loadable modules (lib/genops/NAME.so next
// to the binary) so that commands which never need them do not pay for their
// shared libraries at start-up: libcurl and its ~30 dependencies (HTTP
// providers) and libpq (PostgreSQL stores). A module registers itself when
// loaded (see core/lineage/pg_connection.hpp, providers/http/client.hpp);
// test programs link the same code in and never load anything.
#include <filesystem>
#include <string>
#include <vector>

namespace genops::core {

// The folders searched for module `name`, in order: $exe_dir/lib/genops (the
// build tree) and $exe_dir/../lib/genops (an install: /usr/bin -> /usr/lib/genops),
// where exe_dir is the folder of /proc/self/exe.
std::vector<std::filesystem::path> module_dirs();

// Loads lib/genops/NAME.so once per process (thread-safe; later calls return
// at once). Throws Error(internal) "NAME.so: ..." naming the paths tried and
// the loader's message, with a reinstall hint, when it is missing or broken.
void load_module(const std::string& name);

}  // namespace genops::core
