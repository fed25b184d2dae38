#pragma once
// A flat, reusable n-gram -> count table for the metrics' inner loops: open
// addressing with linear probing, keys are views into the caller's text, hashes
// are supplied by the caller (computed incrementally while extending n-grams).
// About 5x faster than std::unordered_map here because nothing is allocated per
// n-gram and clearing touches only the used slots.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace genops::eval::metrics {

// 64-bit FNV-1a step and a final mix; n-gram hashes fold token or code point hashes.
inline std::uint64_t hash_step(std::uint64_t hash, std::uint64_t value) {
  return (hash ^ value) * 0x100000001b3ULL;
}
inline std::uint64_t hash_finish(std::uint64_t hash) {
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdULL;
  return hash ^ (hash >> 33);
}
inline constexpr std::uint64_t k_hash_seed = 0xcbf29ce484222325ULL;

template <typename Key>
class NgramTable {
 public:
  struct Entry {
    Key key{};
    std::uint64_t hash = 0;
    std::int64_t count = 0;
    int order = 0;
  };

  // Empties the table, sized for about `expected` distinct n-grams.
  void reset(std::size_t expected) {
    for (const std::size_t index : m_used) {
      m_slots[index] = Entry{};
    }
    m_used.clear();
    std::size_t capacity = 16;
    while (capacity < expected * 2) {
      capacity *= 2;
    }
    if (capacity > m_slots.size()) {
      m_slots.assign(capacity, Entry{});
    }
  }

  // The count of `key`, inserted with 0 when absent.
  std::int64_t& at(Key key, std::uint64_t hash, int order) {
    if ((m_used.size() + 1) * 2 > m_slots.size()) {
      grow();
    }
    std::size_t index = hash & (m_slots.size() - 1);
    while (m_slots[index].order != 0) {
      if (m_slots[index].hash == hash && m_slots[index].key == key) {
        return m_slots[index].count;
      }
      index = (index + 1) & (m_slots.size() - 1);
    }
    m_slots[index] = Entry{key, hash, 0, order};
    m_used.push_back(index);
    return m_slots[index].count;
  }

  // The entry of `key`, or nullptr.
  Entry* find(Key key, std::uint64_t hash) {
    if (m_slots.empty()) {
      return nullptr;
    }
    std::size_t index = hash & (m_slots.size() - 1);
    while (m_slots[index].order != 0) {
      if (m_slots[index].hash == hash && m_slots[index].key == key) {
        return &m_slots[index];
      }
      index = (index + 1) & (m_slots.size() - 1);
    }
    return nullptr;
  }

  // Calls `visit(const Entry&)` for every n-gram, in insertion order.
  template <typename Visit>
  void for_each(Visit visit) const {
    for (const std::size_t index : m_used) {
      visit(m_slots[index]);
    }
  }

  std::size_t size() const { return m_used.size(); }

 private:
  void grow() {
    std::vector<Entry> entries;
    entries.reserve(m_used.size());
    for (const std::size_t index : m_used) {
      entries.push_back(m_slots[index]);
    }
    m_slots.assign(std::max<std::size_t>(16, m_slots.size() * 2), Entry{});
    m_used.clear();
    for (const Entry& entry : entries) {
      at(entry.key, entry.hash, entry.order) = entry.count;
    }
  }

  std::vector<Entry> m_slots;
  std::vector<std::size_t> m_used;
};

}  // namespace genops::eval::metrics
