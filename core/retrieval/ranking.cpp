#include "core/retrieval/ranking.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

namespace genops::core::retrieval {

namespace {

bool better(const ScoredId& a, const ScoredId& b) { return a.score != b.score ? a.score > b.score : a.id < b.id; }

// Words that carry no topic; dropped so that "how do I ..." does not match every chunk.
constexpr std::string_view k_stop_words[] = {
    "a",    "an",   "and",  "are",  "as",   "at",   "be",   "can",  "do",   "does", "for",
    "from", "how",  "i",    "if",   "in",   "is",   "it",   "me",   "my",   "of",   "on",
    "or",   "our",  "so",   "that", "the",  "their", "there", "this", "to",  "was",  "we",
    "what", "when", "where", "which", "who", "why",  "will", "with", "you",  "your", "get"};

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

}  // namespace

double cosine_similarity(std::span<const float> a, std::span<const float> b) {
  if (a.size() != b.size() || a.empty()) return 0;
  double dot = 0, na = 0, nb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    dot += double(a[i]) * double(b[i]);
    na += double(a[i]) * double(a[i]);
    nb += double(b[i]) * double(b[i]);
  }
  if (na == 0 || nb == 0) return 0;
  return dot / (std::sqrt(na) * std::sqrt(nb));
}

std::vector<ScoredId> rank_by_cosine(std::span<const float> query, std::span<const EmbeddedId> candidates, std::size_t top_k) {
  std::vector<ScoredId> out;
  out.reserve(candidates.size());
  for (const auto& c : candidates) out.push_back({c.id, cosine_similarity(query, c.embedding)});
  std::sort(out.begin(), out.end(), better);
  if (out.size() > top_k) out.resize(top_k);
  return out;
}

std::vector<ScoredId> fuse_reciprocal_rank(std::span<const std::vector<std::int64_t>> rankings, double k) {
  std::map<std::int64_t, double> scores;
  for (const auto& ranking : rankings)
    for (std::size_t i = 0; i < ranking.size(); ++i) scores[ranking[i]] += 1.0 / (k + double(i + 1));
  std::vector<ScoredId> out;
  for (const auto& [id, score] : scores) out.push_back({id, score});
  std::sort(out.begin(), out.end(), better);
  return out;
}

std::string fts_query_for(std::string_view text) {
  std::set<std::string> seen;
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_word_byte(static_cast<unsigned char>(text[i]))) { ++i; continue; }
    std::string word;
    for (; i < text.size() && is_word_byte(static_cast<unsigned char>(text[i])); ++i)
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))));
    if (word.size() < 2) continue;  // "what's" leaves an "s" that matches every possessive
    if (std::find(std::begin(k_stop_words), std::end(k_stop_words), word) != std::end(k_stop_words)) continue;
    if (!seen.insert(word).second) continue;
    out += (out.empty() ? "\"" : " OR \"") + word + "\"";
  }
  return out;
}

std::string encode_embedding(std::span<const float> v) {
  std::string bytes(v.size() * sizeof(float), '\0');
  if (!v.empty()) std::memcpy(bytes.data(), v.data(), bytes.size());  // x86/arm64 hosts are little-endian
  return bytes;
}

std::vector<float> decode_embedding(std::string_view bytes) {
  std::vector<float> v(bytes.size() / sizeof(float));
  if (!v.empty()) std::memcpy(v.data(), bytes.data(), v.size() * sizeof(float));
  return v;
}

}  // namespace genops::core::retrieval
