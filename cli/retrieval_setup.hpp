#pragma once
// What `genops index` and `genops run` share to reach retrieval indexes.
#include <filesystem>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "chains/index/index_retriever.hpp"

namespace genops::cli {

// Embedding clients, built now on this thread, for every index in the store
// whose provider is configured in genops.yaml (others are left out: a vector
// query on them fails naming the provider).
chains::Embedders index_embedders(Context& ctx);

// The files to index: each argument, or the .md/.markdown/.txt files under a
// directory (sorted). Throws Error(invalid_input) naming a missing file.
std::vector<std::filesystem::path> index_input_files(const std::vector<std::string>& args);

}  // namespace genops::cli
