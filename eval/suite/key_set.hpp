#pragma once
// The case keys a dataset has produced so far, in 16 bytes per key (a 64-bit
// hash in an open-addressing table at most half full) instead of a node per
// key string: a 1,000,000-case dataset took ~100 MB in an unordered_map and
// takes 16 MB here. A key is "seen" when its hash was; two different keys
// share a 64-bit hash with odds of about n^2 / 2^65 (3e-8 for a million).
#include <cstdint>
#include <string_view>
#include <vector>

namespace genops::eval {

class KeySet {
 public:
  // Adds `key`; true when it was not seen before.
  bool insert(std::string_view key);
  std::size_t size() const { return m_size; }

 private:
  void grow();
  bool insert_hash(std::uint64_t hash);
  std::vector<std::uint64_t> m_slots;  // 0 = empty
  std::size_t m_size = 0;
};

}  // namespace genops::eval
