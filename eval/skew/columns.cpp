// Column verdicts and the dataset verdict (DESIGN §6): a column (an input
// variable, or the embedding) drifts when any of its features drifts after
// Holm's correction within the column; constant features and identifiers are
// reported and left out of every count.
#include <algorithm>
#include <cstdio>
#include <numeric>

#include "eval/skew/engine.hpp"

namespace genops::eval::skew {

namespace {

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, v != 0 && std::abs(v) < 1e-4 ? "%.1e" : "%.4g", v);
  return buf;
}

bool structural(Verdict v) { return v == Verdict::missing || v == Verdict::added; }

// Re-decides a tested feature with its Holm-adjusted p-value.
void redecide(FeatureResult& f, double level) {
  const bool significant = !f.p_adjusted || *f.p_adjusted < level;
  if (f.new_values) f.verdict = Verdict::drift;
  else if (f.effect_alert && significant) f.verdict = Verdict::drift;
  else if (f.effect_warn && f.p_adjusted && *f.p_adjusted < level) f.verdict = Verdict::warn;
  else f.verdict = Verdict::ok;
}

std::string reason_of(const FeatureResult& f, double level) {
  if (f.new_values) return f.note;
  std::string out = f.test + " " + fmt(f.statistic) + (f.effect_alert && f.test != "ks" && f.test != "chisquare" && f.test != "z"
                                                           ? " >= " + fmt(f.threshold) : "");
  if (f.p_adjusted) out += ", p " + fmt(*f.p_adjusted) + " after Holm < " + fmt(level);
  return out;
}

ColumnResult decide_column(std::vector<FeatureResult*>& features, const SkewOptions& o) {
  ColumnResult c;
  c.name = features.front()->variable;
  c.kind = to_string(features.front()->kind);
  c.features = static_cast<int>(features.size());
  const auto& first = *features.front();
  if (first.measure == "identifier" || first.measure == "presence") {
    c.verdict = first.verdict;
    c.reason = first.note;
    return c;
  }
  std::vector<FeatureResult*> tested;
  for (auto* f : features) {
    if (f->verdict == Verdict::constant) ++c.constant;
    else if (f->verdict != Verdict::no_data) tested.push_back(f);
  }
  if (tested.empty()) {
    c.verdict = c.constant > 0 ? Verdict::constant : Verdict::no_data;
    c.reason = c.constant > 0 ? "every feature is constant on both sides" : "no feature could be tested";
    return c;
  }
  std::vector<double> ps;
  for (auto* f : tested)
    if (f->p_value) ps.push_back(*f->p_value);
  const auto adjusted = holm(ps);
  std::size_t k = 0;
  for (auto* f : tested)
    if (f->p_value) f->p_adjusted = adjusted[k++];
  const double level = o.thresholds.p_value;
  const FeatureResult* decider = nullptr;
  for (auto* f : tested) {
    redecide(*f, level);
    if (f->p_adjusted && (!c.p_value || *f->p_adjusted < *c.p_value)) c.p_value = f->p_adjusted;
    if (f->verdict != Verdict::drift) continue;
    // The deciding feature: new values first, then the smallest adjusted p-value, then the largest statistic.
    const auto key = [](const FeatureResult* x) { return std::make_tuple(!x->new_values, x->p_adjusted.value_or(0.0), -x->statistic); };
    if (!decider || key(f) < key(decider)) decider = f;
  }
  const bool warned = std::any_of(tested.begin(), tested.end(), [](auto* f) { return f->verdict == Verdict::warn; });
  c.verdict = decider ? Verdict::drift : warned ? Verdict::warn : Verdict::ok;
  if (decider) {
    c.decided_by = decider->name;
    c.reason = reason_of(*decider, level);
    c.new_values = decider->new_values;
  }
  return c;
}

}  // namespace

std::vector<double> holm(const std::vector<double>& p) {
  const std::size_t m = p.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return p[a] < p[b]; });
  std::vector<double> out(m, 1.0);
  double running = 0;
  for (std::size_t i = 0; i < m; ++i) {
    running = std::max(running, std::min(1.0, static_cast<double>(m - i) * p[order[i]]));
    out[order[i]] = running;
  }
  return out;
}

void decide_columns(SkewReport& report, const SkewOptions& o) {
  report.columns.clear();
  std::vector<std::string> order;
  std::map<std::string, std::vector<FeatureResult*>> groups;
  for (auto& f : report.features) {
    if (!groups.count(f.variable)) order.push_back(f.variable);
    groups[f.variable].push_back(&f);
  }
  for (const auto& name : order) report.columns.push_back(decide_column(groups[name], o));
  const auto& e = report.embedding;
  if (!e.computed) return;
  ColumnResult c;
  c.name = "embedding";
  c.kind = "embedding";
  c.features = 1;
  c.verdict = e.verdict;
  c.p_value = e.drift.p_value;
  if (e.verdict == Verdict::drift) {
    c.decided_by = "embedding";
    c.reason = "centroid distance " + fmt(e.drift.centroid_distance) + " >= " + fmt(e.threshold) + ", MMD p " + fmt(e.drift.p_value) +
               " < " + fmt(o.thresholds.p_value);
  }
  report.columns.push_back(std::move(c));
}

void decide_dataset(SkewReport& report, const SkewOptions& o) {
  int tested = 0, drifted = 0;
  for (const auto& c : report.columns) {
    if (c.verdict == Verdict::no_data || c.verdict == Verdict::identifier || c.verdict == Verdict::constant) continue;
    ++tested;
    if (c.verdict == Verdict::drift || structural(c.verdict)) ++drifted;
  }
  report.tested = tested;
  report.drifted = drifted;
  if (o.method == DatasetMethod::share) {
    report.drift = tested > 0 && static_cast<double>(drifted) / tested >= o.drift_share;
  } else {
    // Bonferroni over columns: a column's p-value is its smallest Holm-adjusted one; a
    // column decided without a p-value (missing, new, new values, a distance test) counts as drifted.
    const double level = tested > 0 ? o.alpha / tested : 0;
    report.drift = std::any_of(report.columns.begin(), report.columns.end(), [&](const ColumnResult& c) {
      if (c.verdict == Verdict::no_data || c.verdict == Verdict::identifier || c.verdict == Verdict::constant) return false;
      if (structural(c.verdict) || c.new_values) return true;
      return c.p_value ? *c.p_value < level : c.verdict == Verdict::drift;
    });
  }
  if (tested == 0) report.warnings.push_back("no column could be tested");
}

}  // namespace genops::eval::skew
