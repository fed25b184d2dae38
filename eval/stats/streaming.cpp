#include "eval/stats/streaming.hpp"

#include <algorithm>
#include <cmath>

namespace genops::eval::stats {

MeanReservoir::MeanReservoir(std::size_t capacity, std::uint64_t seed)
    : m_capacity(std::max<std::size_t>(capacity, 1)), m_engine(seed) {}

void MeanReservoir::add(double value) {
  if (m_count == 0) {
    m_min = m_max = value;
  } else {
    m_min = std::min(m_min, value);
    m_max = std::max(m_max, value);
  }
  m_sum += value;
  const auto seen = static_cast<std::size_t>(m_count++);
  if (seen < m_capacity) {
    m_sample.push_back(value);
    return;
  }
  // Algorithm R: the (seen+1)-th value replaces a kept one with probability capacity/(seen+1).
  const std::size_t slot = draw_index(m_engine, seen + 1);
  if (slot < m_capacity) m_sample[slot] = value;
}

double MeanReservoir::mean() const { return m_count > 0 ? m_sum / static_cast<double>(m_count) : 0.0; }

Interval MeanReservoir::mean_interval() const {
  const Interval sampled = bootstrap_mean_interval(m_sample);
  if (static_cast<std::size_t>(m_count) <= m_capacity) return sampled;
  double sample_sum = 0;
  for (double v : m_sample) sample_sum += v;
  const double sample_mean = sample_sum / static_cast<double>(m_sample.size());
  const double scale = std::sqrt(static_cast<double>(m_sample.size()) / static_cast<double>(m_count));
  const double centre = mean();
  return {centre + (sampled.low - sample_mean) * scale, centre + (sampled.high - sample_mean) * scale};
}

double IntHistogram::percentile(double q) const {
  if (m_total == 0) return 0;
  const double h = static_cast<double>(m_total - 1) * std::clamp(q, 0.0, 1.0);
  const auto low_rank = static_cast<std::int64_t>(std::floor(h));
  const std::int64_t high_rank = std::min(low_rank + 1, m_total - 1);
  double low = 0, high = 0;
  std::int64_t seen = 0;
  for (const auto& [value, count] : m_counts) {
    if (seen <= low_rank && low_rank < seen + count) low = static_cast<double>(value);
    if (seen <= high_rank && high_rank < seen + count) {
      high = static_cast<double>(value);
      break;
    }
    seen += count;
  }
  return low + (h - static_cast<double>(low_rank)) * (high - low);
}

}  // namespace genops::eval::stats
