#pragma once
// `genops store merge`: unions one store into another, table by table. A row
// whose key is not in the target is added; the same key with the same content
// is kept once; the same key with different content is a conflict: reported
// (table, key, the columns that differ) and never overwritten. Prompt
// versions are identified by their content hash: a version whose number is
// taken by a different hash in the target is a conflict. Merging twice
// changes nothing. Written against the Database API alone (no SQLite-only SQL).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/lineage/sqlite.hpp"

namespace genops::core::lineage {

struct MergeConflict {
  std::string table;
  std::string key;                   // "eval_run_id=1f2e…, case_key=h03…, provider=, repeat=0"
  std::vector<std::string> columns;  // those that differ (the target's are kept)
};

struct MergeReport {
  std::vector<std::pair<std::string, std::int64_t>> added;  // rows added per table, in merge order
  std::int64_t same = 0;                                     // rows already in the target as they are
  std::vector<MergeConflict> conflicts;
  std::int64_t total_added() const;
};

// Unions every table of `source` (at the target's schema version) into
// `target` in one transaction. Timestamps of content-addressed rows (a
// blob's, a chain version's, a cached reply's, a prompt's) and a cached
// reply's hit count are the target's and never a conflict. Throws Error(storage).
MergeReport merge_store(Database& source, Database& target);

}  // namespace genops::core::lineage
