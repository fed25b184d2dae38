#include "providers/hash_embed/feature_hashing.hpp"

#include <cmath>
#include <string>

#include <xxhash.h>

namespace genops::providers::hash_embed {

namespace {

constexpr double k_unigram_weight = 1.0;
constexpr double k_bigram_weight = 0.5;
constexpr double k_trigram_weight = 0.25;
// Distinct seeds keep a word and a trigram with the same bytes apart.
constexpr XXH64_hash_t k_unigram_seed = 1;
constexpr XXH64_hash_t k_bigram_seed = 2;
constexpr XXH64_hash_t k_trigram_seed = 3;

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (char raw : text) {
    auto c = static_cast<unsigned char>(raw);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if (is_word_byte(c)) {
      current += static_cast<char>(c);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

void add_feature(std::vector<double>& acc, std::string_view feature, XXH64_hash_t seed, double weight) {
  XXH64_hash_t hash = XXH64(feature.data(), feature.size(), seed);
  auto index = static_cast<std::size_t>(hash % acc.size());
  acc[index] += (hash >> 63) ? -weight : weight;
}

}  // namespace

std::vector<float> embed_text(std::string_view text, std::size_t dims) {
  std::vector<double> acc(dims == 0 ? 1 : dims, 0.0);
  auto words = words_of(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    add_feature(acc, words[i], k_unigram_seed, k_unigram_weight);
    if (i + 1 < words.size()) add_feature(acc, words[i] + ' ' + words[i + 1], k_bigram_seed, k_bigram_weight);
    std::string padded = ' ' + words[i] + ' ';
    for (std::size_t k = 0; k + 3 <= padded.size(); ++k)
      add_feature(acc, std::string_view(padded).substr(k, 3), k_trigram_seed, k_trigram_weight);
  }
  double norm = 0;
  for (double v : acc) norm += v * v;
  norm = std::sqrt(norm);
  std::vector<float> out(acc.size(), 0.0f);
  if (norm > 0) {
    for (std::size_t i = 0; i < acc.size(); ++i) out[i] = static_cast<float>(acc[i] / norm);
  }
  return out;
}

}  // namespace genops::providers::hash_embed
