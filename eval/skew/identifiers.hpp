#pragma once
// Identifier detection for skew: a variable whose values are unique per row
// and look like keys (user_id, request ids, timestamps) says nothing about
// the input distribution; skew reports it and leaves it out of the verdict.
#include <cstdint>
#include <unordered_set>

#include <nlohmann/json.hpp>

namespace genops::eval::skew {

// Watches one variable's values on one side with bounded memory.
class IdentifierProbe {
 public:
  // Rows needed before a variable can be called an identifier.
  static constexpr std::uint64_t k_min_rows = 20;
  // Distinct values remembered; past this many, "unique" means unique among these.
  static constexpr std::size_t k_max_tracked = 100000;

  // Offers one non-null value.
  void add(const nlohmann::json& value);
  // Whether every value seen so far is distinct and key-like (a string of at
  // most 64 bytes without whitespace, or an integer), over at least k_min_rows values.
  bool identifier() const { return m_candidate && m_count >= k_min_rows; }
  std::uint64_t count() const { return m_count; }

 private:
  bool m_candidate = true;
  std::uint64_t m_count = 0;
  std::unordered_set<std::uint64_t> m_seen;
};

}  // namespace genops::eval::skew
