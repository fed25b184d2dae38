#include "eval/metrics/joined_tokens.hpp"

#include <algorithm>

namespace genops::eval::metrics {

void JoinedTokens::assign(std::string joined) {
  m_text = std::move(joined);
  m_starts.clear();
  m_ends.clear();
  m_hashes.clear();
  for (std::size_t pos = 0; pos < m_text.size();) {
    const std::size_t end = std::min(m_text.find(' ', pos), m_text.size());
    std::uint64_t hash = k_hash_seed;
    for (std::size_t k = pos; k < end; ++k) {
      hash = hash_step(hash, static_cast<unsigned char>(m_text[k]));
    }
    m_starts.push_back(pos);
    m_ends.push_back(end);
    m_hashes.push_back(hash);
    pos = end + 1;
  }
}

}  // namespace genops::eval::metrics
