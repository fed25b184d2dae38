#include "eval/gate/compare.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "eval/gate/compare_stream.hpp"
#include "eval/gate/significance.hpp"

namespace genops::eval::gate {

namespace {

using CaseId = std::pair<std::string, std::string>;  // provider, case_key

std::map<CaseId, CaseSide> group(std::span<const CaseResult> results, bool keep_reasons) {
  std::map<CaseId, CaseSide> sides;
  for (const CaseResult& r : results) sides[{r.provider, r.case_key}].add(r, keep_reasons);
  return sides;
}

std::vector<MetricDelta> metric_deltas(const std::map<CaseId, CaseSide>& current,
                                       const std::map<CaseId, CaseSide>& baseline) {
  std::map<std::string, std::vector<std::pair<double, double>>> pairs;  // metric -> (baseline, current)
  for (const auto& [id, now] : current) {
    const auto before = baseline.find(id);
    if (before == baseline.end()) continue;
    for (const auto& [name, sum] : now.metrics) {
      const auto old = before->second.metrics.find(name);
      if (old != before->second.metrics.end())
        pairs[name].emplace_back(old->second.first / static_cast<double>(old->second.second),
                                 sum.first / static_cast<double>(sum.second));
    }
  }
  std::vector<MetricDelta> deltas;
  for (const auto& [name, list] : pairs) {
    MetricDelta d;
    d.name = name;
    d.pairs = static_cast<std::int64_t>(list.size());
    std::vector<double> differences;
    for (const auto& [old, now] : list) {
      d.baseline_mean += old;
      d.current_mean += now;
      differences.push_back(now - old);
    }
    d.baseline_mean /= static_cast<double>(d.pairs);
    d.current_mean /= static_cast<double>(d.pairs);
    d.delta = d.current_mean - d.baseline_mean;
    d.p_value = wilcoxon_signed_rank(differences).p_value;
    deltas.push_back(std::move(d));
  }
  return deltas;
}

}  // namespace

const char* change_name(Change change) {
  switch (change) {
    case Change::new_failure: return "new failure";
    case Change::fixed: return "fixed";
    case Change::still_failing: return "still failing";
    case Change::still_passing: return "still passing";
  }
  return "?";
}

Comparison compare(std::span<const CaseResult> current, std::span<const CaseResult> baseline) {
  const auto now = group(current, true);
  const auto before = group(baseline, false);
  Comparison c;
  for (const auto& [id, side] : before)
    if (!now.contains(id)) ++c.only_baseline;
  for (const auto& [id, side] : now) {
    const auto old = before.find(id);
    if (old == before.end()) {
      ++c.only_current;
      continue;
    }
    CaseChange change;
    change.provider = id.first;
    change.case_key = id.second;
    change.description = side.description;
    change.name = side.name;
    change.case_index = side.case_index;
    change.change = change_of(old->second.passing(), side.passing());
    change.baseline_pass_rate = old->second.pass_rate();
    change.current_pass_rate = side.pass_rate();
    change.baseline_score = old->second.score();
    change.current_score = side.score();
    change.reasons = side.reasons;
    if (change.change == Change::new_failure) ++c.new_failures;
    if (change.change == Change::fixed) ++c.fixed;
    c.baseline_pass_rate += change.baseline_pass_rate;
    c.current_pass_rate += change.current_pass_rate;
    c.cases.push_back(std::move(change));
  }
  c.joined = static_cast<std::int64_t>(c.cases.size());
  if (c.joined > 0) {
    c.baseline_pass_rate /= static_cast<double>(c.joined);
    c.current_pass_rate /= static_cast<double>(c.joined);
  }
  c.pass_rate_delta = c.current_pass_rate - c.baseline_pass_rate;
  c.p_value = binomial_test(c.new_failures, c.new_failures + c.fixed, 0.5);
  std::sort(c.cases.begin(), c.cases.end(), worse_case);
  c.metrics = metric_deltas(now, before);
  return c;
}

}  // namespace genops::eval::gate
