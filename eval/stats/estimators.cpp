#include "eval/stats/estimators.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "eval/stats/random.hpp"

namespace genops::eval::stats {

Interval wilson_interval(std::int64_t successes, std::int64_t trials, double z) {
  if (trials <= 0) return {};
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(std::clamp<std::int64_t>(successes, 0, trials)) / n;
  const double z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double centre = p + z2 / (2 * n);
  const double half_width = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {std::max(0.0, (centre - half_width) / denominator),
          std::min(1.0, (centre + half_width) / denominator)};
}

double pass_at_k(std::int64_t n, std::int64_t c, std::int64_t k) {
  if (n <= 0 || c <= 0) return 0;
  k = std::clamp<std::int64_t>(k, 1, n);
  c = std::min(c, n);
  if (n - c < k) return 1;
  // The numerically stable product form of 1 - C(n-c, k) / C(n, k) (Chen et al. 2021, fig. 3).
  double all_fail = 1;
  for (std::int64_t i = n - c + 1; i <= n; ++i) all_fail *= 1 - static_cast<double>(k) / static_cast<double>(i);
  return 1 - all_fail;
}

double pass_hat_k(std::int64_t n, std::int64_t c, std::int64_t k) {
  if (n <= 0 || c <= 0) return 0;
  k = std::clamp<std::int64_t>(k, 1, n);
  c = std::min(c, n);
  if (c < k) return 0;
  // C(c, k) / C(n, k) = prod_{i<k} (c - i) / (n - i).
  double ratio = 1;
  for (std::int64_t i = 0; i < k; ++i) ratio *= static_cast<double>(c - i) / static_cast<double>(n - i);
  return ratio;
}

namespace {

double sorted_percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double h = static_cast<double>(sorted.size() - 1) * std::clamp(q, 0.0, 1.0);
  const auto low = static_cast<std::size_t>(std::floor(h));
  const std::size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (h - static_cast<double>(low)) * (sorted[high] - sorted[low]);
}

}  // namespace

double percentile(std::span<const double> values, double q) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  return sorted_percentile(sorted, q);
}

Interval bootstrap_mean_interval(std::span<const double> values, int resamples, std::uint64_t seed) {
  if (values.empty()) return {};
  if (values.size() == 1 || resamples <= 0) {
    double sum = 0;
    for (double v : values) sum += v;
    const double mean = sum / static_cast<double>(values.size());
    return {mean, mean};
  }
  Xoshiro256 engine(seed);
  std::vector<double> means;
  means.reserve(static_cast<std::size_t>(resamples));
  for (int r = 0; r < resamples; ++r) {
    double sum = 0;
    for (std::size_t i = 0; i < values.size(); ++i) sum += values[draw_index(engine, values.size())];
    means.push_back(sum / static_cast<double>(values.size()));
  }
  std::sort(means.begin(), means.end());
  return {sorted_percentile(means, 0.025), sorted_percentile(means, 0.975)};
}

}  // namespace genops::eval::stats
