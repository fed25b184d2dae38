#pragma once
// The reports of `genops skew --gate` runs kept in the store (issue 16), so
// `genops view` can show them with their histograms. A report is kept whole,
// as the JSON `genops skew --json` prints.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/lineage/sqlite.hpp"

namespace genops::eval::skew {

struct SkewReportRecord {
  std::string id;          // 16 hex digits (new_run_id())
  std::string created_at;  // core::now_timestamp()
  std::string reference;   // the sources as written: "file:data/eval.jsonl", "runs:answer"
  std::string current;
  bool drift = false;
  std::int64_t tested = 0;   // input columns tested
  std::int64_t drifted = 0;  // of them, drifted
  std::string report_json;   // eval::skew::to_json(report); empty in listings
  std::string git_commit;
  std::string host;
};

// Records one report (its texts redacted). Throws Error(storage) on failure.
void record_skew_report(core::lineage::Database& db, const SkewReportRecord& record);

// Reports newest first, without their JSON, `limit` from `offset`.
std::vector<SkewReportRecord> list_skew_reports(core::lineage::Database& db, std::int64_t limit, std::int64_t offset);

// One report with its JSON; nullopt when there is none with that id.
std::optional<SkewReportRecord> find_skew_report(core::lineage::Database& db, const std::string& id);

}  // namespace genops::eval::skew
