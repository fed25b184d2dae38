// The tests and verdict of each feature, and the dataset's verdict.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "eval/skew/divergence.hpp"
#include "eval/skew/engine.hpp"
#include "eval/skew/ks.hpp"
#include "eval/skew/wasserstein.hpp"

namespace genops::eval::skew {

namespace {

constexpr std::size_t k_shown_categories = 8;

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::vector<double> shares_of(const std::vector<double>& counts) {
  double total = 0;
  for (double c : counts) total += c;
  std::vector<double> out(counts.size(), 0.0);
  if (total > 0)
    for (std::size_t i = 0; i < counts.size(); ++i) out[i] = counts[i] / total;
  return out;
}

nlohmann::json moments(const RunningStats& s) {
  return {{"mean", s.mean()}, {"std", s.stddev()}, {"min", s.min()}, {"max", s.max()}};
}

Verdict decide(bool effect_alert, bool effect_warn, bool significant) {
  if (effect_alert && significant) return Verdict::drift;
  if (effect_warn && significant) return Verdict::warn;
  return Verdict::ok;
}

// The most common categories (of either side), the rest as "(others)".
std::vector<HistogramBin> category_histogram(const std::vector<std::string>& names, const std::vector<double>& ref,
                                             const std::vector<double>& cur) {
  std::vector<HistogramBin> out;
  const auto rs = shares_of(ref), cs = shares_of(cur);
  std::vector<std::size_t> order(names.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return std::max(rs[a], cs[a]) > std::max(rs[b], cs[b]); });
  HistogramBin others{"(others)", 0, 0};
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i < k_shown_categories) out.push_back({names[order[i]], rs[order[i]], cs[order[i]]});
    else {
      others.reference += rs[order[i]];
      others.current += cs[order[i]];
    }
  }
  if (order.size() > k_shown_categories) out.push_back(others);
  return out;
}

}  // namespace

FeatureResult compare_numeric(const NumericFeature& f, const SkewOptions& o) {
  FeatureResult r;
  r.name = f.name;
  r.variable = f.variable;
  r.kind = f.kind;
  r.measure = f.measure;
  r.test = "psi";
  r.threshold = o.thresholds.psi_alert;
  r.reference_n = f.ref_stats.count();
  r.current_n = f.cur_stats.count();
  r.reference_invalid = f.ref_invalid;
  r.current_invalid = f.cur_invalid;
  if (f.ref_invalid + f.cur_invalid > 0)
    r.note = std::to_string(f.ref_invalid) + " reference and " + std::to_string(f.cur_invalid) + " current values are not numbers (left out)";
  if (r.reference_n == 0 || r.current_n == 0) {
    r.verdict = Verdict::no_data;
    r.note = std::string("no numeric values on the ") + (r.reference_n == 0 ? "reference" : "current") + " side" +
             (r.note.empty() ? "" : "; " + r.note);
    return r;
  }
  const RunningStats& ref_stats = f.ref_stats;
  const double psi_value = psi(f.ref_bins, f.cur_bins);
  const double js = jensen_shannon(f.ref_bins, f.cur_bins);
  const auto& ref_sample = f.ref_sample.items();
  const auto& cur_sample = f.cur_sample.items();
  const auto ks = ks_2samp(ref_sample, cur_sample);
  const double w = wasserstein_distance(ref_sample, cur_sample);
  const double sd = ref_stats.stddev();
  r.statistic = psi_value;
  r.p_value = ks.p_value;
  const bool significant = ks.p_value < o.thresholds.p_value;
  r.effect_alert = psi_value >= o.thresholds.psi_alert || js >= o.thresholds.js;
  r.effect_warn = psi_value >= o.thresholds.psi_warn;
  r.verdict = decide(r.effect_alert, r.effect_warn, significant);
  if (ref_stats.min() == ref_stats.max() && f.cur_stats.min() == f.cur_stats.max() && ref_stats.min() == f.cur_stats.min())
    r.verdict = Verdict::constant;
  r.tests = {{"psi", psi_value},
             {"js", js},
             {"ks", {{"statistic", ks.statistic}, {"p_value", ks.p_value}, {"method", ks.exact ? "exact" : "asymptotic"},
                     {"reference_n", ref_sample.size()}, {"current_n", cur_sample.size()}}},
             {"wasserstein", w},
             {"wasserstein_normalised", sd > 0 ? nlohmann::json(w / sd) : nlohmann::json(nullptr)},
             {"reference", moments(ref_stats)},
             {"current", moments(f.cur_stats)}};
  if (r.verdict == Verdict::constant)
    r.note += std::string(r.note.empty() ? "" : "; ") + "constant: " + fmt(ref_stats.mean()) + " on both sides (left out of the counts)";
  else if (sd == 0) r.note += std::string(r.note.empty() ? "" : "; ") + "the reference has a single value " + fmt(ref_stats.mean());
  if (ref_sample.size() < r.reference_n || cur_sample.size() < r.current_n)
    r.note += std::string(r.note.empty() ? "" : "; ") + "KS and Wasserstein on a uniform sample of " + std::to_string(ref_sample.size()) +
              " reference and " + std::to_string(cur_sample.size()) + " current values";
  const auto rs = shares_of(f.ref_bins), cs = shares_of(f.cur_bins);
  for (std::size_t i = 0; i < rs.size(); ++i) {
    std::string label = f.edges.empty() ? "all"
                      : i == 0 ? "≤ " + fmt(f.edges[0])
                      : i == f.edges.size() ? "> " + fmt(f.edges.back())
                      : fmt(f.edges[i - 1]) + "–" + fmt(f.edges[i]);
    r.histogram.push_back({label, rs[i], cs[i]});
  }
  return r;
}

FeatureResult compare_category(const CategoryFeature& f, const SkewOptions& o) {
  FeatureResult r;
  r.name = f.name;
  r.variable = f.variable;
  r.kind = f.kind;
  r.measure = f.measure;
  r.test = "linf";
  r.threshold = o.thresholds.linf;
  r.reference_n = static_cast<std::uint64_t>(f.ref_n);
  r.current_n = static_cast<std::uint64_t>(f.cur_n);
  std::set<std::string> keys;
  for (const auto& [k, _] : f.ref) keys.insert(k);
  for (const auto& [k, _] : f.cur) keys.insert(k);
  std::vector<std::string> names(keys.begin(), keys.end());
  std::vector<double> ref, cur;
  std::vector<std::string> added;
  for (const auto& k : names) {
    auto a = f.ref.find(k), b = f.cur.find(k);
    ref.push_back(a == f.ref.end() ? 0 : a->second);
    cur.push_back(b == f.cur.end() ? 0 : b->second);
    if (a == f.ref.end()) added.push_back(k);
  }
  const double linf = l_infinity(ref, cur), js = jensen_shannon(ref, cur), psi_value = psi(ref, cur);
  const auto chi = chi_square(ref, cur);
  r.statistic = linf;
  r.p_value = chi.p_value;
  const bool significant = chi.p_value < o.thresholds.p_value;
  r.effect_alert = linf >= o.thresholds.linf || js >= o.thresholds.js;
  r.effect_warn = linf >= o.thresholds.linf / 3;
  double new_count = 0;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (!f.ref.count(names[i])) new_count += cur[i];
  const double new_share = f.cur_n > 0 ? new_count / f.cur_n : 0;
  r.new_values = new_share > o.thresholds.new_category;
  r.verdict = r.new_values ? Verdict::drift : decide(r.effect_alert, r.effect_warn, significant);
  if (f.ref.size() == 1 && f.cur.size() == 1 && f.ref.begin()->first == f.cur.begin()->first) r.verdict = Verdict::constant;
  r.tests = {{"linf", linf}, {"js", js}, {"psi", psi_value},
             {"chi_square", {{"statistic", chi.statistic}, {"dof", chi.dof}, {"p_value", chi.p_value}}},
             {"reference_values", f.ref.size()}, {"current_values", f.cur.size()}, {"new_share", new_share}};
  if (r.verdict == Verdict::constant) r.note = "constant: " + names.front() + " on both sides (left out of the counts)";
  if (!added.empty()) {
    std::string list;
    for (std::size_t i = 0; i < added.size() && i < 5; ++i) list += (i ? ", " : "") + added[i];
    r.note = std::to_string(added.size()) + " value" + (added.size() == 1 ? "" : "s") + " not in the reference: " + list +
             (added.size() > 5 ? ", …" : "") + " (" + fmt(new_share * 100) + " % of the current side" +
             (r.new_values ? " > " + fmt(o.thresholds.new_category * 100) + " %: drift on its own)" : ")");
  }
  r.histogram = category_histogram(names, ref, cur);
  return r;
}

}  // namespace genops::eval::skew
