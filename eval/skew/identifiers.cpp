#include "eval/skew/identifiers.hpp"

#include <cmath>
#include <functional>
#include <string>

namespace genops::eval::skew {

namespace {

constexpr std::size_t k_max_key_bytes = 64;

bool key_like(const nlohmann::json& value) {
  if (value.is_number_integer() || value.is_number_unsigned()) return true;
  if (value.is_number_float()) {
    const double v = value.get<double>();
    return std::isfinite(v) && v == std::floor(v);
  }
  if (!value.is_string()) return false;
  const auto& s = value.get_ref<const std::string&>();
  if (s.empty() || s.size() > k_max_key_bytes) return false;
  for (char c : s)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
  return true;
}

}  // namespace

void IdentifierProbe::add(const nlohmann::json& value) {
  ++m_count;
  if (!m_candidate) return;
  if (!key_like(value)) {
    m_candidate = false;
    m_seen = {};
    return;
  }
  if (m_seen.size() >= k_max_tracked) return;
  const std::uint64_t h = std::hash<std::string>{}(value.is_string() ? value.get_ref<const std::string&>() : value.dump());
  if (!m_seen.insert(h).second) {
    m_candidate = false;
    m_seen = {};
  }
}

}  // namespace genops::eval::skew
