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
  // Runs and eval runs per status; `abandoned` counts running ones whose process is gone.
  std::vector<std::pair<std::string, std::int64_t>> runs_by_status;
  std::vector<std::pair<std::string, std::int64_t>> eval_runs_by_status;
};

StoreInfo describe_store(Store& store);
// Problems found by integrity_check and foreign_key_check; empty when sound.
std::vector<std::string> verify_store(Store& store);

}  // namespace genops::core::lineage
