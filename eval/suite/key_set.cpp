#include "eval/suite/key_set.hpp"

namespace genops::eval {

namespace {

// FNV-1a over the bytes, then splitmix64's finaliser to spread the bits; never 0.
std::uint64_t hash_key(std::string_view key) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char ch : key) {
    h ^= ch;
    h *= 0x100000001b3ULL;
  }
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
  h ^= h >> 31;
  return h ? h : 1;
}

}  // namespace

bool KeySet::insert(std::string_view key) {
  if ((m_size + 1) * 2 > m_slots.size()) grow();
  return insert_hash(hash_key(key));
}

bool KeySet::insert_hash(std::uint64_t hash) {
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    if (m_slots[i] == hash) return false;
    if (m_slots[i] == 0) {
      m_slots[i] = hash;
      ++m_size;
      return true;
    }
  }
}

void KeySet::grow() {
  std::vector<std::uint64_t> old = std::move(m_slots);
  m_slots.assign(old.empty() ? 64 : old.size() * 2, 0);
  m_size = 0;
  for (std::uint64_t hash : old)
    if (hash) insert_hash(hash);
}

}  // namespace genops::eval
