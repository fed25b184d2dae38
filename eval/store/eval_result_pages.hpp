#pragma once
// One page of an eval run's results, filtered and sorted in SQL (`genops
// view`): never the whole run in memory. Failed and errored results walk the
// partial indexes of migration 10; a predicate the store cannot evaluate (a
// regex) is applied row by row while scanning, and the scan is bounded.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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
  // Applied to each row the SQL returns, on its stored texts (the vars as
  // stored JSON, the output) before the row is decoded, so a scan that keeps
  // few rows decodes only those (e.g. a regex over vars and output); empty:
  // keep all.
  std::function<bool(std::string_view vars_json, std::string_view output)> keep;
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

// What a ResultScan reads: a run's results (a sharded run's: its shards'),
// filtered as ResultFilter's fields of the same names, in `sort` order.
struct ScanSpec {
  std::string status;
  std::string provider;
  std::string baseline_run_id;
  std::string sort = "key";
  bool texts = true;      // false: output and expected read as empty (the compare page needs neither)
  // Rows ordered by their key (after `sort`'s column): false, each shard's
  // rows in turn in primary-key order (an index walk, no sort); true, one
  // order over all shards by case key, provider and repeat, compared byte by
  // byte (COLLATE "C" on PostgreSQL) as std::string compares them: for a
  // merge of two scans in C++ (a sort, unless the run has one shard on SQLite).
  bool merged = false;
  // Rows per query; 0: the backend's default (SQLite: one statement stepped
  // lazily; PostgreSQL, whose client holds a statement's whole result: 2,000).
  std::int64_t chunk = 0;
};

// A scan over an eval run's results with bounded memory: each query continues
// after the last row read (keyset paging on the sort value and the case key,
// provider and repeat), never an OFFSET. Throws Error(invalid_input) for an
// unknown sort or status, Error(storage) from the store.
class ResultScan {
 public:
  ResultScan(core::lineage::Database& db, std::string run_id, ScanSpec spec);
  // The next row, or nothing at the end.
  std::optional<CaseResult> next();
  // The next row whose stored vars (JSON text) and output `keep` accepts, or
  // nothing at the end; rows it refuses are stepped over without being
  // decoded. `scanned` counts the rows examined; the scan stops (nothing, and
  // stopped_short()) at a row beyond the first `scan_limit`.
  std::optional<CaseResult> next_kept(const std::function<bool(std::string_view, std::string_view)>& keep,
                                      std::int64_t& scanned, std::int64_t scan_limit);
  // next_kept() stopped at its scan limit with rows left unexamined.
  bool stopped_short() const { return m_stopped_short; }

 private:
  void open();
  bool step();  // the next row into m_query, remembering its key; false at the end
  core::lineage::Database& m_db;
  std::string m_run_id;
  ScanSpec m_spec;
  std::optional<core::lineage::Statement> m_query;
  std::int64_t m_in_chunk = 0;
  bool m_collate_c = false;
  bool m_started = false;
  bool m_done = false;
  bool m_stopped_short = false;
  CaseResult m_last;  // its key and sort value only
  std::string m_last_run;
};

// Eval runs of eval `suite` ("" for all), newest first, `limit` from
// `offset`, as recorded: no totals (a finished run's are in its summary), so a
// page costs the same however many results its runs hold.
std::vector<EvalRunRecord> eval_run_page(core::lineage::Database& db, const std::string& suite, std::int64_t limit, std::int64_t offset);

}  // namespace genops::eval
