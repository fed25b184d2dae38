#pragma once
// The one pseudo-random generator of eval statistics: xoshiro256** (Blackman &
// Vigna 2018) seeded by splitmix64. Fully specified, so every platform draws
// the same bootstrap resamples and the same reservoir.
#include <cstddef>
#include <cstdint>

namespace genops::eval::stats {

// xoshiro256**; several times faster than mt19937_64 on a bootstrap's draws.
class Xoshiro256 {
 public:
  // The state of `seed` expanded by splitmix64.
  explicit Xoshiro256(std::uint64_t seed) {
    for (std::uint64_t& word : m_state) {
      seed += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      word = z ^ (z >> 31);
    }
  }
  // The next 64 random bits.
  std::uint64_t next() {
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t m_state[4];
};

// A uniform index below `bound` (> 0) from one 64-bit draw (Lemire's multiply-shift).
inline std::size_t draw_index(Xoshiro256& engine, std::size_t bound) {
  __extension__ typedef unsigned __int128 Uint128;
  const Uint128 product = static_cast<Uint128>(engine.next()) * bound;
  return static_cast<std::size_t>(product >> 64);
}

}  // namespace genops::eval::stats
