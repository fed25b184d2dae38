#pragma once
// Estimators fed one value at a time in bounded memory, for summaries that
// stream a run's results instead of holding them (docs/stats.md, "Streaming").
#include <cstdint>
#include <map>
#include <vector>

#include "eval/stats/estimators.hpp"
#include "eval/stats/random.hpp"

namespace genops::eval::stats {

// How many values a metric keeps for its bootstrap interval, and the seed of
// the reservoir's draws (fixed: the same values in the same order give the same interval).
inline constexpr std::size_t k_reservoir_size = 10000;
inline constexpr std::uint64_t k_reservoir_seed = 20260523;

// The count, sum, min and max of a metric's values, and a uniform sample of at
// most `capacity` of them (Vitter's algorithm R) for the bootstrap interval.
class MeanReservoir {
 public:
  explicit MeanReservoir(std::size_t capacity = k_reservoir_size, std::uint64_t seed = k_reservoir_seed);
  void add(double value);
  std::int64_t count() const { return m_count; }
  // The mean of every value added (0 when none).
  double mean() const;
  double min() const { return m_min; }
  double max() const { return m_max; }
  // The percentile bootstrap 95 % interval of the mean: exactly
  // bootstrap_mean_interval(values) while every value fits the reservoir;
  // beyond, the reservoir's interval around its own mean, narrowed by
  // sqrt(capacity / count) and centred on the exact mean (the spread of a mean
  // shrinks as 1/sqrt(n)). {0, 0} when empty.
  Interval mean_interval() const;

 private:
  std::size_t m_capacity;
  Xoshiro256 m_engine;
  std::vector<double> m_sample;
  std::int64_t m_count = 0;
  double m_sum = 0;
  double m_min = 0;
  double m_max = 0;
};

// Exact percentiles of integer values (latencies in ms) from their counts:
// memory grows with the distinct values, not with how many were added.
class IntHistogram {
 public:
  void add(std::int64_t value) { ++m_counts[value]; ++m_total; }
  std::int64_t total() const { return m_total; }
  // As percentile() (type 7) over every value added; 0 when empty.
  double percentile(double q) const;

 private:
  std::map<std::int64_t, std::int64_t> m_counts;
  std::int64_t m_total = 0;
};

}  // namespace genops::eval::stats
