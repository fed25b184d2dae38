// --binning evidently|tfdv: each feature decided by that tool's own test,
// binning and threshold (the genops tests stay in the report alongside).
#include <algorithm>

#include "eval/skew/conventions.hpp"
#include "eval/skew/engine.hpp"

namespace genops::eval::skew {

namespace {

bool skipped(const FeatureResult& r) { return r.verdict == Verdict::no_data || r.verdict == Verdict::constant; }

std::size_t distinct_values(std::vector<double> a, const std::vector<double>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  return static_cast<std::size_t>(std::unique(a.begin(), a.end()) - a.begin());
}

std::map<std::string, double> counts_of(const std::vector<double>& values) {
  std::map<std::string, double> out;
  for (double v : values) out[std::to_string(v)] += 1;
  return out;
}

// Makes `test` with `score` the deciding test of `r`.
void decide_by(FeatureResult& r, const std::string& test, double score, double threshold, bool p_value) {
  r.test = test;
  r.statistic = score;
  r.threshold = threshold;
  r.effect_warn = false;
  if (p_value) {
    r.p_value = score;
    r.effect_alert = true;
  } else {
    r.p_value.reset();
    r.effect_alert = score >= threshold;
  }
  if (!r.new_values) r.verdict = r.effect_alert && (!p_value || score < threshold) ? Verdict::drift : Verdict::ok;
}

// Evidently's test for a column from its default selection; `p_of` computes chisquare / z on value counts.
template <typename PValues>
void evidently(FeatureResult& r, bool numeric, std::size_t reference_n, std::size_t distinct, const BinnedShares& filled,
               const BinnedShares& plain, double wasserstein_norm, PValues&& p_of) {
  const std::string test = evidently_default_test(numeric, reference_n, distinct);
  const double psi_value = evidently_psi(filled), js = scipy_jensenshannon(plain);
  nlohmann::json e = {{"test", test}, {"psi", psi_value}, {"jensenshannon", js}};
  if (numeric) e["wasserstein_norm"] = wasserstein_norm;
  double score = 0;
  if (test == "ks") score = r.tests["ks"]["p_value"].get<double>();
  else if (test == "chisquare" || test == "z") score = p_of(test);
  else if (test == "wasserstein") score = wasserstein_norm;
  else score = js;
  e["drift_score"] = score;
  e["threshold"] = evidently_default_threshold(test);
  r.tests["evidently"] = e;
  decide_by(r, test, score, evidently_default_threshold(test), evidently_is_p_value(test));
}

}  // namespace

const char* to_string(Binning binning) {
  switch (binning) {
    case Binning::genops: return "genops";
    case Binning::evidently: return "evidently";
    case Binning::tfdv: return "tfdv";
  }
  return "genops";
}

std::optional<Binning> parse_binning(std::string_view text) {
  if (text == "genops") return Binning::genops;
  if (text == "evidently") return Binning::evidently;
  if (text == "tfdv") return Binning::tfdv;
  return std::nullopt;
}

void apply_convention(FeatureResult& r, const NumericFeature& f, const SkewOptions& o) {
  if (o.binning == Binning::genops || skipped(r)) return;
  const auto& ref = f.ref_sample.items();
  const auto& cur = f.cur_sample.items();
  if (o.binning == Binning::tfdv) {
    const auto js = tfdv_jensen_shannon(tfdv_standard_histogram(ref), tfdv_standard_histogram(cur));
    r.tests["tfdv"] = {{"jensen_shannon", js ? nlohmann::json(*js) : nlohmann::json(nullptr)}, {"threshold", o.thresholds.js}};
    decide_by(r, "js_approx", js.value_or(0.0), o.thresholds.js, false);
    return;
  }
  evidently(r, true, ref.size(), distinct_values(ref, cur), evidently_binned(ref, cur, true), evidently_binned(ref, cur, false),
            evidently_wasserstein_norm(ref, cur), [&](const std::string& test) {
              const auto rc = counts_of(ref), cc = counts_of(cur);
              return test == "z" ? evidently_z_p(rc, cc) : evidently_chisquare_p(rc, cc);
            });
}

void apply_convention(FeatureResult& r, const CategoryFeature& f, const SkewOptions& o) {
  if (o.binning == Binning::genops || skipped(r)) return;
  if (o.binning == Binning::tfdv) {
    const double linf = tfdv_linf(f.ref, f.cur);
    const auto js = tfdv_jensen_shannon(f.ref, f.cur);
    r.tests["tfdv"] = {{"linf", linf}, {"jensen_shannon", js ? nlohmann::json(*js) : nlohmann::json(nullptr)}, {"threshold", o.thresholds.linf}};
    decide_by(r, "linf", linf, o.thresholds.linf, false);
    return;
  }
  std::size_t distinct = f.ref.size();
  for (const auto& [k, _] : f.cur) distinct += f.ref.count(k) ? 0 : 1;
  evidently(r, false, static_cast<std::size_t>(f.ref_n), distinct, evidently_binned(f.ref, f.cur, true),
            evidently_binned(f.ref, f.cur, false), 0.0,
            [&](const std::string& test) { return test == "z" ? evidently_z_p(f.ref, f.cur) : evidently_chisquare_p(f.ref, f.cur); });
}

}  // namespace genops::eval::skew
