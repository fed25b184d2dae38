#pragma once
// The inputs production saw, for `genops skew` (DESIGN §6): those of chain
// runs recorded by `genops run`, and rows logged by another system and
// stored by `genops ingest` as runs of kind "ingest" (no steps, version "").
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/lineage/sqlite.hpp"
#include "core/lineage/store.hpp"

namespace genops::eval::skew {

inline constexpr const char* k_ingest_kind = "ingest";

// Streams the inputs of chain `name`'s runs and ingested rows with
// since <= started_at < until (either bound "" for none), oldest first.
class RunInputCursor {
 public:
  RunInputCursor(core::lineage::Store& store, const std::string& name, const std::string& since, const std::string& until);
  // The next row's inputs JSON and timestamp; false at the end.
  bool next(std::string& inputs_json, std::string& started_at);

 private:
  core::lineage::Statement m_stmt;
};

// The names that have chain runs or ingested rows, sorted (for did-you-mean).
std::vector<std::string> input_log_names(core::lineage::Store& store);

struct IngestRow {
  std::string inputs_json;  // a JSON object
  std::string timestamp;    // core::format_timestamp form
};

struct IngestOutcome {
  std::int64_t added = 0;
  std::int64_t present = 0;  // identical rows ingested before (same chain, time, inputs and occurrence)
};

// Stores `rows` under chain `name` in one transaction. A row's id hashes its
// chain, timestamp, inputs and occurrence count, so ingesting a file twice
// adds nothing. Throws Error(storage) when the store cannot be written.
IngestOutcome ingest_rows(core::lineage::Store& store, const std::string& name, const std::string& source_path,
                          std::span<const IngestRow> rows);

}  // namespace genops::eval::skew
