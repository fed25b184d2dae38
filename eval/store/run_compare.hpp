#pragma once
// Two eval runs compared as the gate compares them, read from the store one
// case at a time (`genops view`'s Compare page): the runs' results are merged
// in case-key order, never loaded whole.
#include <cstddef>
#include <string>

#include "core/lineage/sqlite.hpp"
#include "eval/gate/compare_stream.hpp"

namespace genops::eval {

struct RunComparison {
  gate::Comparison comparison;  // `cases`: at most `keep` of each change, worst first
  std::int64_t totals[4] = {0, 0, 0, 0};  // every joined case, by gate::Change
};

// Compares run `current_id` with run `baseline_id` (sharded runs: their
// shards'), joined by case key and provider, repeats grouped; a result without
// a provider takes its run's `provider_used`. Throws Error(storage).
RunComparison compare_runs(core::lineage::Database& db, const std::string& baseline_id, const std::string& current_id,
                           std::size_t keep);

}  // namespace genops::eval
