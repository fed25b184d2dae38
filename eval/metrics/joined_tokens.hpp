#pragma once
// A token sequence stored as one string with single spaces between tokens, so
// every n-gram is a contiguous substring: equal substrings are equal token
// tuples, and n-grams are counted as views without building keys. Used by BLEU
// (tokenized segments) and chrF++ (word n-grams).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eval/metrics/ngram_table.hpp"

namespace genops::eval::metrics {

class JoinedTokens {
 public:
  // Takes tokens already joined by single spaces (no empty tokens, no other whitespace).
  void assign(std::string joined);

  std::size_t size() const { return m_starts.size(); }
  const std::string& text() const { return m_text; }

  // The n tokens from `first`, as a view into text().
  std::string_view ngram(std::size_t first, std::size_t n) const {
    return std::string_view(m_text).substr(m_starts[first], m_ends[first + n - 1] - m_starts[first]);
  }

  // Calls visit(ngram, hash, order) for every n-gram of order 1..max_order.
  // Equal n-grams get equal hashes whatever segment they come from.
  template <typename Visit>
  void for_each_ngram(std::size_t max_order, Visit visit) const {
    for (std::size_t i = 0; i < size(); ++i) {
      std::uint64_t hash = k_hash_seed;
      for (std::size_t n = 1; n <= max_order && i + n <= size(); ++n) {
        hash = hash_step(hash, m_hashes[i + n - 1]);
        visit(ngram(i, n), hash_finish(hash), static_cast<int>(n));
      }
    }
  }

 private:
  std::string m_text;
  std::vector<std::size_t> m_starts;
  std::vector<std::size_t> m_ends;
  std::vector<std::uint64_t> m_hashes;  // per token
};

}  // namespace genops::eval::metrics
