#pragma once
// The shards of one named eval run (`genops eval --shard i/n --run-name
// NAME`), as `genops evals finish` sees them: which of 1..N are in, which are
// not and why, and the row of the whole run they make up.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "eval/store/eval_store.hpp"

namespace genops::eval::session {

// Shards 1..N of a run, sorted into those that finished and the others.
struct ShardCensus {
  std::int64_t count = 0;  // N
  std::int64_t in = 0;     // finished shards
  // "missing", "still running", "abandoned", "interrupted", "failed" -> ["3/4", "4/4 on runner-7"]
  std::map<std::string, std::vector<std::string>> not_in;
  bool complete() const { return not_in.empty(); }
  // "missing: 3/4; interrupted: 4/4 on runner-7", by status name.
  std::string describe() const;
};

// The census of `shards` (all of one eval, all with the same shard_count, at least one).
ShardCensus census(const std::vector<eval::EvalRunRecord>& shards);

// The row of the whole run: what the shards share (eval, file, target,
// providers), shard_index 0, started when the first shard did, planned the
// sum of theirs, the union of their prompt versions, status running on `host`.
eval::EvalRunRecord whole_run(const std::vector<eval::EvalRunRecord>& shards, const std::string& id,
                                       const std::string& host);

}  // namespace genops::eval::session
