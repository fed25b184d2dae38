#pragma once
// Identifier detection for skew: a variable whose values are unique per row
// and look like keys (user_id, request ids, timestamps) says nothing about
// the input distribution; skew reports it and leaves it out of the verdict.
#include <cstdint>
#include <string_view>
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
  // most 64 bytes without whitespace, or an integer), over at least
  // k_min_rows values. Integers count only under a key-like `name` (id,
  // key, uuid, ts, time, date, _at, seq): a measurement can be unique per row.
  bool identifier(std::string_view name) const;
  std::uint64_t count() const { return m_count; }

 private:
  bool m_candidate = true;
  bool m_integers = false;
  std::uint64_t m_count = 0;
  std::unordered_set<std::uint64_t> m_seen;
};

}  // namespace genops::eval::skew
