#pragma once
// Reading runs and steps back from the lineage store, for `genops runs`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chains/store/run_records.hpp"
#include "core/lineage/store.hpp"

namespace genops::chains {

// A run with its totals; inputs and outputs only from find_run.
struct RunSummary {
  RunRecord run;
  RunEnd end;  // end.status is "running" while the run has not ended, "abandoned" when its owner is gone
  std::string inputs_json;
  std::string outputs_json;
};

struct RunFilter {
  std::string name;    // chain name; "" for all
  std::string status;  // "" for all; "abandoned" and "running" are told apart by the run's owner
  std::string since;   // an ISO timestamp; "" for all
  int limit = 50;
  std::string kind;    // chain, judge, ingest; "" for all
};

// Runs matching `filter`, newest first.
std::vector<RunSummary> list_runs(core::lineage::Store& store, const RunFilter& filter);

// How many runs have each status (abandoned ones counted apart from running), by status name.
std::vector<std::pair<std::string, std::int64_t>> count_runs_by_status(core::lineage::Store& store);

// The run `id` names: a full id, a unique prefix of 4 or more hex digits, or
// "last". Throws Error(invalid_input) when none matches or the prefix is ambiguous.
RunSummary find_run(core::lineage::Store& store, std::string_view id);

// The steps of a run in seq order; with Texts::yes, requests and outputs too.
enum class Texts { no, yes };
std::vector<StepRecord> run_steps(core::lineage::Store& store, const std::string& run_id, Texts texts);

}  // namespace genops::chains
