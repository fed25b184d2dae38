#pragma once
// A run compared with a baseline run: cases joined by case_key + provider
// (repeats averaged), what broke, what got fixed, metric deltas, and paired
// significance tests.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "eval/result.hpp"

namespace genops::eval::gate {

// A joined case counts as passing on a side when more than half of its
// repeats passed there (with one repeat: when it passed).
enum class Change { new_failure, fixed, still_failing, still_passing };

// One case present on both sides.
struct CaseChange {
  std::string case_key;
  std::string provider;
  std::string description;
  std::string name;                // stats::case_name(): the description, else the first vars
  std::int64_t case_index = 0;
  Change change = Change::still_passing;
  double baseline_pass_rate = 0;   // over repeats
  double current_pass_rate = 0;
  double baseline_score = 0;       // mean CaseResult::score over repeats
  double current_score = 0;
  std::vector<std::string> reasons;  // the current run's failure reasons (target error, failed assertions), deduplicated, at most 5
};

// A metric's mean over the cases where both sides scored it.
struct MetricDelta {
  std::string name;
  std::int64_t pairs = 0;          // joined cases with the metric on both sides
  double baseline_mean = 0;
  double current_mean = 0;
  double delta = 0;                // current - baseline
  double p_value = 1;              // Wilcoxon signed-rank on the per-case differences
};

struct Comparison {
  std::int64_t joined = 0;         // cases on both sides
  std::int64_t only_current = 0;   // new cases (not in the pass-rate delta)
  std::int64_t only_baseline = 0;  // removed cases
  double baseline_pass_rate = 0;   // mean per-case pass rate over the joined cases
  double current_pass_rate = 0;
  double pass_rate_delta = 0;      // current - baseline (negative = a drop)
  std::int64_t new_failures = 0;   // discordant pairs: passed in the baseline, fail now
  std::int64_t fixed = 0;          // discordant pairs: failed in the baseline, pass now
  double p_value = 1;              // exact two-sided McNemar on the discordant pairs
  std::vector<CaseChange> cases;   // every joined case, worst first: new failures, then by
                                   // pass-rate delta, then score delta (ascending)
  std::vector<MetricDelta> metrics;  // by name
};

// Joins `current` with `baseline` and compares them. Never throws.
Comparison compare(std::span<const CaseResult> current, std::span<const CaseResult> baseline);

// "new failure", "fixed", "still failing", "still passing".
const char* change_name(Change change);

}  // namespace genops::eval::gate
