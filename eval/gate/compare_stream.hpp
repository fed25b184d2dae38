#pragma once
// The comparison of eval::gate::compare, built one case at a time from two
// runs read in the same key order (`genops view`'s Compare page): memory holds
// one case per side, one double per paired metric (the Wilcoxon test ranks
// them) and at most `keep` cases of each kind of change, never the runs.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "eval/gate/compare.hpp"
#include "eval/result.hpp"

namespace genops::eval::gate {

// One case (case key + provider) on one side, over its repeats.
struct CaseSide {
  std::string case_key;
  std::string provider;
  std::string description;
  std::string name;                        // stats::case_name() of its first repeat
  std::int64_t case_index = 0;
  std::int64_t runs = 0;
  std::int64_t passes = 0;
  double score_sum = 0;
  std::map<std::string, std::pair<double, std::int64_t>> metrics;  // name -> (sum, count)
  std::vector<std::string> reasons;        // failure reasons, deduplicated, at most 5

  // Adds one repeat of this case; `keep_reasons` collects its failure reasons.
  void add(const CaseResult& r, bool keep_reasons);
  double pass_rate() const { return static_cast<double>(passes) / static_cast<double>(runs); }
  double score() const { return score_sum / static_cast<double>(runs); }
  bool passing() const { return passes * 2 > runs; }  // a majority of repeats
};

class StreamingCompare {
 public:
  // Keeps at most `keep` cases of each change (new failures, fixed, still
  // failing, still passing): the worst by compare()'s order.
  explicit StreamingCompare(std::size_t keep) : m_keep(keep) {}

  // A case present on both sides.
  void add_pair(const CaseSide& baseline, const CaseSide& current);
  void add_only_current() { ++m_result.only_current; }
  void add_only_baseline() { ++m_result.only_baseline; }

  // The comparison so far, as compare() would return it for the same runs
  // except that `cases` holds the kept cases only; `total(change)` counts all.
  Comparison finish();
  std::int64_t total(Change change) const { return m_totals[static_cast<std::size_t>(change)]; }

 private:
  std::size_t m_keep;
  Comparison m_result;
  std::int64_t m_totals[4] = {0, 0, 0, 0};
  std::vector<CaseChange> m_kept[4];  // heaps, worst case kept
  struct MetricPairs {
    double baseline_sum = 0;
    double current_sum = 0;
    std::vector<double> differences;  // current - baseline, per case
  };
  std::map<std::string, MetricPairs> m_pairs;
};

// compare()'s order of cases: new failures first, then by pass-rate delta,
// score delta, provider, case index and key (all ascending).
bool worse_case(const CaseChange& a, const CaseChange& b);

// A case's change from whether it passed in the baseline to whether it passes now.
Change change_of(bool was_passing, bool is_passing);

}  // namespace genops::eval::gate
