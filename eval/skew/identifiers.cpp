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

bool key_like_name(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const char* hint : {"id", "key", "uuid", "ts", "time", "date", "_at", "seq"})
    if (lower.find(hint) != std::string::npos) return true;
  return false;
}

}  // namespace

bool IdentifierProbe::identifier(std::string_view name) const {
  return m_candidate && m_count >= k_min_rows && (!m_integers || key_like_name(name));
}

void IdentifierProbe::add(const nlohmann::json& value) {
  ++m_count;
  if (!m_candidate) return;
  if (!key_like(value)) {
    m_candidate = false;
    m_seen = {};
    return;
  }
  if (!value.is_string()) m_integers = true;
  if (m_seen.size() >= k_max_tracked) return;
  const std::uint64_t h = std::hash<std::string>{}(value.is_string() ? value.get_ref<const std::string&>() : value.dump());
  if (!m_seen.insert(h).second) {
    m_candidate = false;
    m_seen = {};
  }
}

}  // namespace genops::eval::skew
