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
  // Sizes the table for `keys` keys, so that it never grows (and never holds
  // the old and the new table at once) before that many are in.
  void reserve(std::size_t keys);
  std::size_t size() const { return m_size; }
  std::size_t capacity() const { return m_slots.size() / 2; }  // keys it takes without growing

 private:
  void grow();
  void rehash(std::size_t slots);
  bool insert_hash(std::uint64_t hash);
  std::vector<std::uint64_t> m_slots;  // 0 = empty
  std::size_t m_size = 0;
};

}  // namespace genops::eval
