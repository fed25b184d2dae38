#pragma once
// The drift tests of the tools teams migrate from, with each tool's own
// binning and epsilon rules, so that `--binning evidently|tfdv` reports the
// numbers their dashboards showed (docs/skew.md "Conventions").
//
// Evidently (src/evidently/legacy/calculations/stattests/: utils.py
// get_binned_data, psi.py, jensenshannon.py, wasserstein_distance_norm.py,
// chisquare_stattest.py, z_stattest.py, registry.py _get_default_stattest).
// TFDV (tensorflow_data_validation/anomalies/metrics.cc: LInftyDistance,
// JensenShannonDivergence over its STANDARD histograms and string counts).
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace genops::eval::skew {

// Shares per bin on both sides (same bins, same order).
struct BinnedShares {
  std::vector<double> reference, current;
};

// Evidently's get_binned_data for numbers: Sturges bins over both sides
// together (numpy.histogram_bin_edges(bins="sturges"), numpy.histogram's
// half-open bins, the last closed) when the reference has more than 20
// distinct values, else one bin per distinct value. With `fill_zeroes`
// every empty share becomes 1e-4, or the side's smallest share / 1e6 when
// that is at most 1e-4. Both sides non-empty.
BinnedShares evidently_binned(std::span<const double> reference, std::span<const double> current, bool fill_zeroes);
// The same for categories given as counts per value.
BinnedShares evidently_binned(const std::map<std::string, double>& reference, const std::map<std::string, double>& current,
                              bool fill_zeroes);

// Evidently's PSI: sum (r - c) ln(r / c) over shares binned with fill_zeroes.
double evidently_psi(const BinnedShares& shares);
// SciPy's jensenshannon(r, c) (natural log): the Jensen-Shannon *distance*,
// sqrt of the divergence, in [0, sqrt(ln 2)]; Evidently bins without fill_zeroes.
double scipy_jensenshannon(const BinnedShares& shares);
// Evidently's normed Wasserstein: W1 / max(population std of the reference, 0.001).
double evidently_wasserstein_norm(std::span<const double> reference, std::span<const double> current);
// Evidently's chi-square p-value: SciPy chisquare(f_obs = current counts,
// f_exp = reference counts * n_current / n_reference) over the values of
// both sides; 0 when a value the reference lacks occurs in the current side.
double evidently_chisquare_p(const std::map<std::string, double>& reference, const std::map<std::string, double>& current);
// Evidently's Z-test p-value for two values: the two-proportion z-test on the
// share of the first value (in sorted order); 1 when both sides hold the same single value.
double evidently_z_p(const std::map<std::string, double>& reference, const std::map<std::string, double>& current);

// Which test Evidently picks by default for a column (registry.py):
// "ks", "chisquare", "z", "wasserstein" or "jensenshannon", from the
// reference size and the distinct values of both sides together.
std::string evidently_default_test(bool numeric, std::size_t reference_n, std::size_t distinct_values);
// The default threshold of that test: 0.05 for p-value tests (drift below),
// 0.1 for distances (drift at or above).
double evidently_default_threshold(const std::string& test);
// Whether the test gives a p-value (drift below the threshold) rather than a distance.
bool evidently_is_p_value(const std::string& test);

// A TFDV histogram bucket [low, high] with a (possibly fractional) count.
struct TfdvBucket {
  double low = 0, high = 0, count = 0;
};
struct TfdvHistogram {
  std::vector<TfdvBucket> buckets;
  double num_nan = 0;
};

// TFDV's STANDARD histogram of one side: 10 equal-width buckets from its own
// min to max (a single point bucket when they are equal).
TfdvHistogram tfdv_standard_histogram(std::span<const double> values, int buckets = 10);

// TFDV's approximate Jensen-Shannon divergence (base 2, capped at 1) of two
// histograms: point and infinite buckets split off, the rest rebucketed on
// the union of the boundaries assuming values uniform within a bucket, NaN
// mass its own bucket. nullopt when a histogram is empty (TFDV's InvalidArgument).
std::optional<double> tfdv_jensen_shannon(TfdvHistogram a, TfdvHistogram b);
// TFDV's Jensen-Shannon divergence of two string count maps (base 2, capped at
// 1); nullopt for an empty map or a non-positive count.
std::optional<double> tfdv_jensen_shannon(const std::map<std::string, double>& a, const std::map<std::string, double>& b);
// TFDV's L-infinity distance: the largest difference between the two sides'
// normalised counts (0 for two empty maps).
double tfdv_linf(const std::map<std::string, double>& a, const std::map<std::string, double>& b);

}  // namespace genops::eval::skew
