#pragma once
// Reading eval runs back for `genops evals list | show` and the eval store:
// the columns of a run, finding one by id, listing with totals and the
// labels each run holds now (a label is held by the run it was last moved to).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eval/store/eval_store.hpp"
#include "core/lineage/sqlite.hpp"

namespace genops::eval {

// The ids whose results are run ?1's: itself, and for the whole of a sharded
// run its shards. A subquery for `eval_run_id IN (...)`.
std::string_view eval_result_run_ids();

// The SELECT list read_eval_result expects, for a query over `eval_results r`.
std::string_view eval_result_columns();
// The result in the current row. Throws Error(storage) when its assertions are not a JSON list.
CaseResult read_eval_result(const core::lineage::Statement& row);

// The SELECT list read_eval_run expects, for a query over eval_runs.
std::string_view eval_run_columns();
// The run in the current row; status "running" becomes "abandoned" when its owner is gone.
EvalRunRecord read_eval_run(const core::lineage::Statement& row);

// A run by full id, unique id prefix, or "last" (of any eval); nullopt when
// none matches. Throws Error(invalid_input) for an ambiguous prefix.
std::optional<EvalRunRecord> find_eval_run(core::lineage::Database& db, const std::string& id_or_prefix);

// A run with its totals so far (from its recorded results, so an unfinished
// run has them too) and the labels it holds now.
struct EvalRunListing {
  EvalRunRecord run;
  std::int64_t results = 0;  // (case, provider, repeat) results recorded
  std::int64_t passes = 0;
  std::int64_t errors = 0;
  std::int64_t cases = 0;    // distinct cases among them
  double cost_usd = 0;
  std::vector<std::string> labels;  // labels of its eval that point at it now, by name
};

// Runs of eval `suite` ("" for every eval), newest first, at most `limit`.
std::vector<EvalRunListing> list_eval_runs(core::lineage::Database& db, const std::string& suite, int limit);
// Totals and labels of one run.
EvalRunListing describe_eval_run(core::lineage::Database& db, EvalRunRecord run);

// How many eval runs have each status (abandoned ones counted apart from running), by status name.
std::vector<std::pair<std::string, std::int64_t>> count_eval_runs_by_status(core::lineage::Database& db);

// One move of a label of an eval, oldest first: which run it pointed at.
struct EvalLabelMove {
  std::string label;
  std::string run_id;
  std::string moved_at;
  std::string author;  // "" for moves recorded before it was kept
};
// The history of `label` of eval `suite` ("" for all its labels), oldest first.
std::vector<EvalLabelMove> eval_label_history(core::lineage::Database& db, const std::string& suite, const std::string& label);

}  // namespace genops::eval
