#include "eval/gate/compare_stream.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "eval/gate/significance.hpp"
#include "eval/stats/reasons.hpp"

namespace genops::eval::gate {

namespace {

constexpr std::size_t k_max_reasons = 5;

}  // namespace

Change change_of(bool was_passing, bool is_passing) {
  if (was_passing) return is_passing ? Change::still_passing : Change::new_failure;
  return is_passing ? Change::fixed : Change::still_failing;
}

bool worse_case(const CaseChange& a, const CaseChange& b) {
  using Rank = std::tuple<bool, double, double, const std::string&, std::int64_t, const std::string&>;
  auto rank = [](const CaseChange& x) {
    return Rank(x.change != Change::new_failure, x.current_pass_rate - x.baseline_pass_rate,
                x.current_score - x.baseline_score, x.provider, x.case_index, x.case_key);
  };
  return rank(a) < rank(b);
}

void CaseSide::add(const CaseResult& r, bool keep_reasons) {
  if (runs == 0) {
    case_key = r.case_key;
    provider = r.provider;
    description = r.description;
    name = stats::case_name(r);
    case_index = r.case_index;
  }
  ++runs;
  if (r.pass) ++passes;
  score_sum += r.score;
  for (const AssertionResult& a : r.assertions) {
    if (!a.score) continue;
    auto& m = metrics[a.metric];
    m.first += *a.score;
    ++m.second;
  }
  if (!keep_reasons || r.pass) return;
  for (std::string& reason : stats::failure_reasons(r)) {
    if (reasons.size() >= k_max_reasons) break;
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) reasons.push_back(std::move(reason));
  }
}

void StreamingCompare::add_pair(const CaseSide& baseline, const CaseSide& current) {
  CaseChange change;
  change.provider = current.provider;
  change.case_key = current.case_key;
  change.description = current.description;
  change.name = current.name;
  change.case_index = current.case_index;
  change.change = change_of(baseline.passing(), current.passing());
  change.baseline_pass_rate = baseline.pass_rate();
  change.current_pass_rate = current.pass_rate();
  change.baseline_score = baseline.score();
  change.current_score = current.score();
  change.reasons = current.reasons;
  ++m_result.joined;
  if (change.change == Change::new_failure) ++m_result.new_failures;
  if (change.change == Change::fixed) ++m_result.fixed;
  m_result.baseline_pass_rate += change.baseline_pass_rate;
  m_result.current_pass_rate += change.current_pass_rate;
  for (const auto& [name, now] : current.metrics) {
    auto old = baseline.metrics.find(name);
    if (old == baseline.metrics.end()) continue;
    double before = old->second.first / static_cast<double>(old->second.second);
    double after = now.first / static_cast<double>(now.second);
    auto& pairs = m_pairs[name];
    pairs.baseline_sum += before;
    pairs.current_sum += after;
    pairs.differences.push_back(after - before);
  }
  auto kind = static_cast<std::size_t>(change.change);
  ++m_totals[kind];
  if (m_keep == 0) return;
  // A max-heap by worse_case: its top is the least bad case kept, the one to drop.
  auto& kept = m_kept[kind];
  if (kept.size() < m_keep) {
    kept.push_back(std::move(change));
    std::push_heap(kept.begin(), kept.end(), worse_case);
  } else if (worse_case(change, kept.front())) {
    std::pop_heap(kept.begin(), kept.end(), worse_case);
    kept.back() = std::move(change);
    std::push_heap(kept.begin(), kept.end(), worse_case);
  }
}

Comparison StreamingCompare::finish() {
  Comparison c = m_result;
  if (c.joined > 0) {
    c.baseline_pass_rate /= static_cast<double>(c.joined);
    c.current_pass_rate /= static_cast<double>(c.joined);
  }
  c.pass_rate_delta = c.current_pass_rate - c.baseline_pass_rate;
  c.p_value = binomial_test(c.new_failures, c.new_failures + c.fixed, 0.5);
  for (const auto& kept : m_kept) c.cases.insert(c.cases.end(), kept.begin(), kept.end());
  std::sort(c.cases.begin(), c.cases.end(), worse_case);
  for (const auto& [name, pairs] : m_pairs) {
    MetricDelta d;
    d.name = name;
    d.pairs = static_cast<std::int64_t>(pairs.differences.size());
    d.baseline_mean = pairs.baseline_sum / static_cast<double>(d.pairs);
    d.current_mean = pairs.current_sum / static_cast<double>(d.pairs);
    d.delta = d.current_mean - d.baseline_mean;
    d.p_value = wilcoxon_signed_rank(pairs.differences).p_value;
    c.metrics.push_back(std::move(d));
  }
  return c;
}

}  // namespace genops::eval::gate
