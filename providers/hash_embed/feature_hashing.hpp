#pragma once
// Offline text embeddings by feature hashing (the "hashing trick"): no model,
// no network, the same vector for the same text on every machine.
#include <cstddef>
#include <string_view>
#include <vector>

namespace genops::providers::hash_embed {

inline constexpr std::size_t k_default_dims = 512;

// The embedding of `text` in `dims` dimensions. Features, from the ASCII
// lower-cased text split into words (runs of letters, digits and non-ASCII
// bytes): word unigrams (weight 1), word bigrams (0.5) and character trigrams
// of each word padded with spaces (0.25). Each feature adds ±weight at
// XXH64(feature) mod dims, the sign taken from the hash's top bit. The result
// is L2-normalised; a text with no words gives the zero vector.
std::vector<float> embed_text(std::string_view text, std::size_t dims = k_default_dims);

}  // namespace genops::providers::hash_embed
