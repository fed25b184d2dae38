// Evidently's binning and tests (see conventions.hpp for the source files).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "eval/skew/conventions.hpp"
#include "eval/skew/divergence.hpp"
#include "eval/skew/wasserstein.hpp"

namespace genops::eval::skew {

namespace {

constexpr std::size_t k_sturges_min_distinct = 21;  // get_binned_data: Sturges bins when the reference has > 20 values

// numpy.place(p, p == 0, floor): the floor is 1e-4, or the smallest share / 1e6 when that is at most 1e-4.
void fill_zeroes(std::vector<double>& shares) {
  double smallest = 0;
  for (double s : shares)
    if (s != 0 && (smallest == 0 || s < smallest)) smallest = s;
  if (smallest == 0) return;
  const double floor = smallest <= 1e-4 ? smallest / 1e6 : 1e-4;
  for (double& s : shares)
    if (s == 0) s = floor;
}

// numpy.histogram(values, edges) for equal-width edges (its index computation and corrections).
std::vector<double> histogram(std::span<const double> values, const std::vector<double>& edges) {
  const std::size_t n = edges.size() - 1;
  std::vector<double> counts(n, 0.0);
  const double first = edges.front(), last = edges.back(), norm = static_cast<double>(n) / (last - first);
  for (double v : values) {
    if (v < first || v > last) continue;
    auto i = static_cast<std::size_t>((v - first) * norm);
    if (i == n) --i;
    if (v < edges[i]) --i;
    else if (i + 1 < n && v >= edges[i + 1]) ++i;
    counts[i] += 1;
  }
  return counts;
}

std::vector<double> divided(std::vector<double> counts, double n) {
  for (double& c : counts) c /= n;
  return counts;
}

BinnedShares finish(BinnedShares out, bool fill) {
  if (fill) {
    fill_zeroes(out.reference);
    fill_zeroes(out.current);
  }
  return out;
}

}  // namespace

BinnedShares evidently_binned(std::span<const double> reference, std::span<const double> current, bool fill) {
  const std::set<double> ref_distinct(reference.begin(), reference.end());
  if (ref_distinct.size() < k_sturges_min_distinct) {
    std::map<std::string, double> r, c;
    for (double v : reference) r[std::to_string(v)] += 1;
    for (double v : current) c[std::to_string(v)] += 1;
    return evidently_binned(r, c, fill);
  }
  const auto [rmin, rmax] = std::minmax_element(reference.begin(), reference.end());
  double lo = *rmin, hi = *rmax;
  if (!current.empty()) {
    const auto [cmin, cmax] = std::minmax_element(current.begin(), current.end());
    lo = std::min(lo, *cmin);
    hi = std::max(hi, *cmax);
  }
  const double size = static_cast<double>(reference.size() + current.size());
  const double width = (hi - lo) / (std::log2(size) + 1.0);  // numpy _hist_bin_sturges
  const auto bins = static_cast<std::size_t>(width > 0 ? std::ceil((hi - lo) / width) : 1);
  std::vector<double> edges(bins + 1);
  const double step = (hi - lo) / static_cast<double>(bins);  // numpy.linspace
  for (std::size_t i = 0; i <= bins; ++i) edges[i] = static_cast<double>(i) * step + lo;
  edges[bins] = hi;
  BinnedShares out{divided(histogram(reference, edges), static_cast<double>(reference.size())),
                   divided(histogram(current, edges), static_cast<double>(current.size()))};
  return finish(std::move(out), fill);
}

BinnedShares evidently_binned(const std::map<std::string, double>& reference, const std::map<std::string, double>& current,
                              bool fill) {
  const auto total = [](const auto& m) {
    return std::accumulate(m.begin(), m.end(), 0.0, [](double s, const auto& kv) { return s + kv.second; });
  };
  const double nr = total(reference), nc = total(current);
  std::set<std::string> keys;
  for (const auto& [k, _] : reference) keys.insert(k);
  for (const auto& [k, _] : current) keys.insert(k);
  BinnedShares out;
  for (const auto& k : keys) {
    auto a = reference.find(k), b = current.find(k);
    out.reference.push_back(a == reference.end() || nr <= 0 ? 0 : a->second / nr);
    out.current.push_back(b == current.end() || nc <= 0 ? 0 : b->second / nc);
  }
  return finish(std::move(out), fill);
}

double evidently_psi(const BinnedShares& s) {
  double sum = 0;
  for (std::size_t i = 0; i < s.reference.size(); ++i)
    if (s.reference[i] > 0 && s.current[i] > 0) sum += (s.reference[i] - s.current[i]) * std::log(s.reference[i] / s.current[i]);
  return sum;
}

double scipy_jensenshannon(const BinnedShares& s) {
  const double tp = std::accumulate(s.reference.begin(), s.reference.end(), 0.0);
  const double tq = std::accumulate(s.current.begin(), s.current.end(), 0.0);
  if (tp <= 0 || tq <= 0) return 0;
  double left = 0, right = 0;
  for (std::size_t i = 0; i < s.reference.size(); ++i) {
    const double p = s.reference[i] / tp, q = s.current[i] / tq, m = (p + q) / 2;
    if (p > 0) left += p * std::log(p / m);  // scipy.special.rel_entr
    if (q > 0) right += q * std::log(q / m);
  }
  return std::sqrt(std::max(0.0, (left + right) / 2.0));
}

double evidently_wasserstein_norm(std::span<const double> reference, std::span<const double> current) {
  if (reference.empty() || current.empty()) return 0;
  const double n = static_cast<double>(reference.size());
  const double mean = std::accumulate(reference.begin(), reference.end(), 0.0) / n;
  double ss = 0;
  for (double v : reference) ss += (v - mean) * (v - mean);
  return wasserstein_distance(reference, current) / std::max(std::sqrt(ss / n), 0.001);
}

double evidently_chisquare_p(const std::map<std::string, double>& reference, const std::map<std::string, double>& current) {
  double nr = 0, nc = 0;
  for (const auto& [_, c] : reference) nr += c;
  for (const auto& [_, c] : current) nc += c;
  if (nr <= 0 || nc <= 0) return 1;
  std::set<std::string> keys;
  for (const auto& [k, _] : reference) keys.insert(k);
  for (const auto& [k, _] : current) keys.insert(k);
  double stat = 0;
  for (const auto& k : keys) {
    auto a = reference.find(k), b = current.find(k);
    const double expected = (a == reference.end() ? 0 : a->second) * nc / nr, observed = b == current.end() ? 0 : b->second;
    if (expected <= 0) {
      if (observed > 0) return 0;  // SciPy: an infinite statistic
      continue;
    }
    stat += (observed - expected) * (observed - expected) / expected;
  }
  return keys.size() < 2 ? 1 : chi2_sf(stat, static_cast<double>(keys.size() - 1));
}

double evidently_z_p(const std::map<std::string, double>& reference, const std::map<std::string, double>& current) {
  if (reference.size() == 1 && current.size() == 1 && reference.begin()->first == current.begin()->first) return 1;
  std::set<std::string> keys;
  for (const auto& [k, _] : reference) keys.insert(k);
  for (const auto& [k, _] : current) keys.insert(k);
  const std::string& first = *keys.begin();
  const auto share_not_first = [&](const std::map<std::string, double>& m, double& n) {
    double others = 0;
    n = 0;
    for (const auto& [k, c] : m) {
      n += c;
      if (k != first) others += c;
    }
    return n > 0 ? others / n : 0;
  };
  double n1 = 0, n2 = 0;
  const double p1 = share_not_first(reference, n1), p2 = share_not_first(current, n2);
  const double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const double se = std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return p1 == p2 ? 1 : 0;
  return std::erfc(std::abs((p1 - p2) / se) / std::sqrt(2.0));  // 2 (1 - Phi(|z|))
}

std::string evidently_default_test(bool numeric, std::size_t reference_n, std::size_t distinct) {
  if (reference_n <= 1000) {
    if (numeric && distinct > 5) return "ks";
    return distinct > 2 ? "chisquare" : "z";
  }
  if (numeric && distinct > 5) return "wasserstein";
  return "jensenshannon";
}

double evidently_default_threshold(const std::string& test) { return evidently_is_p_value(test) ? 0.05 : 0.1; }

bool evidently_is_p_value(const std::string& test) { return test == "ks" || test == "chisquare" || test == "z"; }

}  // namespace genops::eval::skew
