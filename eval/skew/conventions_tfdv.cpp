// TFDV's L-infinity and approximate Jensen-Shannon divergence, ported from
// tensorflow_data_validation/anomalies/metrics.cc (see conventions.hpp).
#include <algorithm>
#include <cmath>
#include <set>

#include "eval/skew/conventions.hpp"

namespace genops::eval::skew {

namespace {

// RebucketHistogram: redistributes `h` onto `boundaries` (which hold every
// boundary of h), assuming values uniform within a bucket.
void rebucket(const std::vector<double>& boundaries, TfdvHistogram& h) {
  TfdvHistogram out;
  out.num_nan = h.num_nan;
  std::size_t index = 0;
  const std::size_t last = boundaries.size() - 1;
  for (const auto& b : h.buckets) {
    while (b.low > boundaries[index] && index < last) {
      out.buckets.push_back({boundaries[index], boundaries[index + 1], 0});
      ++index;
    }
    if (b.low == b.high && b.low == boundaries[index] && index < last) {
      out.buckets.push_back({boundaries[index], boundaries[index + 1], b.count});
      ++index;
      continue;
    }
    std::vector<double> covered;
    while (index < last && b.high > boundaries[index]) covered.push_back(boundaries[index++]);
    covered.push_back(boundaries[index]);
    for (std::size_t i = 0; i + 1 < covered.size(); ++i)
      out.buckets.push_back({covered[i], covered[i + 1], (covered[i + 1] - covered[i]) / (b.high - b.low) * b.count});
  }
  for (std::size_t i = index; i < last; ++i) out.buckets.push_back({boundaries[i], boundaries[i + 1], 0});
  h = std::move(out);
}

struct Stripped {
  TfdvHistogram rest;
  std::map<double, double> points;
  double infinite = 0;
};

Stripped strip(const TfdvHistogram& h) {
  Stripped s;
  s.rest.num_nan = h.num_nan;
  for (const auto& b : h.buckets) {
    if (!std::isfinite(b.low) || !std::isfinite(b.high)) s.infinite += b.count;
    else if (b.low == b.high) s.points[b.low] += b.count;
    else s.rest.buckets.push_back(b);
  }
  return s;
}

std::set<double> boundaries_of(const TfdvHistogram& h) {
  std::set<double> out;
  for (const auto& b : h.buckets) {
    out.insert(b.low);
    out.insert(b.high);
  }
  return out;
}

// AlignHistograms: the same buckets on both sides, then point masses, infinite mass and NaN.
void align(TfdvHistogram& a, TfdvHistogram& b) {
  auto sa = strip(a), sb = strip(b);
  a = std::move(sa.rest);
  b = std::move(sb.rest);
  const auto ba = boundaries_of(a), bb = boundaries_of(b);
  if (ba != bb) {
    std::set<double> all(ba);
    all.insert(bb.begin(), bb.end());
    const std::vector<double> boundaries(all.begin(), all.end());
    rebucket(boundaries, a);
    rebucket(boundaries, b);
  }
  std::set<double> points;
  for (const auto& [p, _] : sa.points) points.insert(p);
  for (const auto& [p, _] : sb.points) points.insert(p);
  for (double p : points) {
    a.buckets.push_back({p, p, sa.points.count(p) ? sa.points[p] : 0});
    b.buckets.push_back({p, p, sb.points.count(p) ? sb.points[p] : 0});
  }
  if (sa.infinite != 0) {
    a.buckets.push_back({0, 0, sa.infinite});
    b.buckets.push_back({0, 0, 0});
  }
  if (sb.infinite != 0) {
    a.buckets.push_back({0, 0, 0});
    b.buckets.push_back({0, 0, sb.infinite});
  }
  if (a.num_nan > 0 || b.num_nan > 0) {  // NaN is not equal to itself: two mismatching buckets
    a.buckets.push_back({0, 0, 0});
    a.buckets.push_back({0, 0, a.num_nan});
    b.buckets.push_back({0, 0, b.num_nan});
    b.buckets.push_back({0, 0, 0});
  }
}

bool normalise(TfdvHistogram& h) {
  double total = 0;
  for (const auto& b : h.buckets) total += b.count;
  if (total == 0) return false;
  for (auto& b : h.buckets) b.count /= total;
  return true;
}

double kl(const TfdvHistogram& p, const std::vector<double>& m) {
  double out = 0;
  for (std::size_t i = 0; i < p.buckets.size(); ++i)
    if (p.buckets[i].count > 0 && m[i] > 0) out += p.buckets[i].count * std::log2(p.buckets[i].count / m[i]);
  return out;
}

}  // namespace

TfdvHistogram tfdv_standard_histogram(std::span<const double> values, int buckets) {
  TfdvHistogram h;
  if (values.empty()) return h;
  const auto [lo_it, hi_it] = std::minmax_element(values.begin(), values.end());
  const double lo = *lo_it, hi = *hi_it;
  if (lo == hi) {
    h.buckets.push_back({lo, hi, static_cast<double>(values.size())});
    return h;
  }
  const double width = (hi - lo) / buckets;
  for (int i = 0; i < buckets; ++i) h.buckets.push_back({lo + i * width, i + 1 == buckets ? hi : lo + (i + 1) * width, 0});
  for (double v : values) {
    auto i = static_cast<std::size_t>((v - lo) / width);
    h.buckets[std::min(i, h.buckets.size() - 1)].count += 1;
  }
  return h;
}

std::optional<double> tfdv_jensen_shannon(TfdvHistogram a, TfdvHistogram b) {
  align(a, b);
  if (!normalise(a) || !normalise(b) || a.buckets.size() != b.buckets.size()) return std::nullopt;
  std::vector<double> m(a.buckets.size());
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = (a.buckets[i].count + b.buckets[i].count) / 2;
  return std::min((kl(a, m) + kl(b, m)) / 2, 1.0);
}

std::optional<double> tfdv_jensen_shannon(const std::map<std::string, double>& a, const std::map<std::string, double>& b) {
  if (a.empty() || b.empty()) return std::nullopt;
  double sa = 0, sb = 0;
  std::map<std::string, std::pair<double, double>> both;
  for (const auto& [k, c] : a) {
    if (c <= 0) return std::nullopt;
    both[k].first += c;
    sa += c;
  }
  for (const auto& [k, c] : b) {
    if (c <= 0) return std::nullopt;
    both[k].second += c;
    sb += c;
  }
  double sum = 0;
  for (const auto& [_, counts] : both) {
    const double p = counts.first / sa, q = counts.second / sb, m = (p + q) / 2;
    if (counts.first != 0) sum += p * std::log2(p / m);
    if (counts.second != 0) sum += q * std::log2(q / m);
  }
  return std::min(sum / 2, 1.0);
}

double tfdv_linf(const std::map<std::string, double>& a, const std::map<std::string, double>& b) {
  double sa = 0, sb = 0;
  for (const auto& [_, c] : a) sa += c;
  for (const auto& [_, c] : b) sb += c;
  std::set<std::string> keys;
  for (const auto& [k, _] : a) keys.insert(k);
  for (const auto& [k, _] : b) keys.insert(k);
  double out = 0;
  for (const auto& k : keys) {
    auto x = a.find(k), y = b.find(k);
    const double p = x == a.end() || sa <= 0 ? 0 : x->second / sa, q = y == b.end() || sb <= 0 ? 0 : y->second / sb;
    out = std::max(out, std::abs(p - q));
  }
  return out;
}

}  // namespace genops::eval::skew
