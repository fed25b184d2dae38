#pragma once
// Store administration: what is in it and whether it is sound.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/lineage/store.hpp"

namespace genops::core::lineage {

struct StoreInfo {
  std::string path;
  int schema_version = 0;
  std::int64_t bytes = 0;  // main file plus -wal
  std::vector<std::pair<std::string, std::int64_t>> row_counts;
  bool read_only = false;  // opened read-only (the store cannot be written)
};

// The store's location, schema version, size and rows per table. What is in
// the tables (runs and eval runs per status) is asked of their owners,
// chains/store/run_queries.hpp and eval/store/eval_queries.hpp.
StoreInfo describe_store(Store& store);
// Problems found by integrity_check and foreign_key_check; empty when sound.
std::vector<std::string> verify_store(Store& store);

}  // namespace genops::core::lineage
