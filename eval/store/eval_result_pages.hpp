#pragma once
// One page of an eval run's results, filtered and sorted in SQL (`genops
// view`): never the whole run in memory. Failed and errored results walk the
// partial indexes of migration 10; a predicate the store cannot evaluate (a
// regex) is applied row by row while scanning, and the scan is bounded.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/lineage/sqlite.hpp"
#include "eval/store/eval_store.hpp"

namespace genops::eval {

struct ResultFilter {
  // "" every result; "failed" (pass = 0), "errored" (an error), "passed",
  // "changed" (pass differs from the same key in `baseline_run_id`).
  std::string status;
  std::string provider;         // "" for every provider
  std::string baseline_run_id;  // for "changed"
  // "key" (case key, provider, repeat), "score", "latency", "cost", each
  // ascending, or descending with a leading "-".
  std::string sort = "key";
  std::int64_t offset = 0;      // matching rows skipped
  std::int64_t limit = 50;
  // Applied to each row the SQL returns (e.g. a regex over vars and output);
  // empty: keep all.
  std::function<bool(const CaseResult&)> keep;
  // With `keep`, at most this many rows are read per page; the page then says
  // where the scan stopped (ResultPage::scan_exhausted).
  std::int64_t scan_limit = 2'000'000;
};

struct ResultPage {
  std::vector<CaseResult> rows;  // at most limit
  bool more = false;                   // a further matching row exists
  std::int64_t scanned = 0;            // rows read from the store
  bool scan_exhausted = false;         // `keep` stopped at scan_limit before filling the page
};

// The page of run `run_id`'s results (a sharded run's: its shards') that
// `filter` selects. Throws Error(invalid_input) for an unknown sort or status.
ResultPage eval_result_page(core::lineage::Database& db, const std::string& run_id, const ResultFilter& filter);

// Every result of case `case_key` in run `run_id` (all providers and repeats), in order.
std::vector<CaseResult> eval_case_results(core::lineage::Database& db, const std::string& run_id, const std::string& case_key);

// Calls `visit` with each result of run `run_id` in key order, one row at a
// time (the compare page holds what it needs of each, not the rows).
void for_each_eval_result(core::lineage::Database& db, const std::string& run_id, const std::function<void(CaseResult)>& visit);

// Eval runs of eval `suite` ("" for all), newest first, `limit` from
// `offset`, as recorded: no totals (a finished run's are in its summary), so a
// page costs the same however many results its runs hold.
std::vector<EvalRunRecord> eval_run_page(core::lineage::Database& db, const std::string& suite, std::int64_t limit, std::int64_t offset);

}  // namespace genops::eval
