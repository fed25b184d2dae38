#pragma once
// The arithmetic of retrieval ranking: exact cosine similarity and
// reciprocal rank fusion. Pure functions over chunk ids.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace genops::core::retrieval {

// A chunk id with its score; higher is better.
struct ScoredId {
  std::int64_t id = 0;
  double score = 0;
};

// Cosine similarity in [-1, 1]; 0 when either vector is zero or their sizes differ.
double cosine_similarity(std::span<const float> a, std::span<const float> b);

// One candidate for exact vector search.
struct EmbeddedId {
  std::int64_t id = 0;
  std::vector<float> embedding;
};

// The `top_k` candidates most similar to `query`, best first (ties by id).
std::vector<ScoredId> rank_by_cosine(std::span<const float> query, std::span<const EmbeddedId> candidates, std::size_t top_k);

// Reciprocal rank fusion: each id scores the sum over `rankings` (each best
// first) of 1 / (k + rank), rank counted from 1. Best first, ties by id.
std::vector<ScoredId> fuse_reciprocal_rank(std::span<const std::vector<std::int64_t>> rankings, double k = 60);

// An FTS5 MATCH expression for free text: its words (letters, digits,
// non-ASCII), lower-cased, without one-letter words and common stop words, each quoted, joined by
// OR. Empty when no word is left (the query then matches nothing).
std::string fts_query_for(std::string_view text);

// Floats to and from the little-endian bytes stored in a BLOB.
std::string encode_embedding(std::span<const float> v);
std::vector<float> decode_embedding(std::string_view bytes);

}  // namespace genops::core::retrieval
