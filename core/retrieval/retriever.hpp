#pragma once
// The seam between chains and a local retrieval index (issue 5, `genops index`):
// a `retrieve` step asks a Retriever for the chunks of an index that best
// match a query. The SQLite FTS5/vector implementation lives beside the store;
// cli/context.cpp picks it. Until one is configured, retrieve steps fail with
// "index not found".
#include <string>
#include <string_view>
#include <vector>

namespace genops::core::retrieval {

// How chunks are ranked: BM25 over FTS5, embedding cosine, or both fused by
// reciprocal rank.
enum class Mode { bm25, vector, hybrid };

// "bm25", "vector", "hybrid".
inline std::string_view to_string(Mode mode) {
  switch (mode) {
    case Mode::vector: return "vector";
    case Mode::hybrid: return "hybrid";
    default: return "bm25";
  }
}

// One retrieved piece of a source document.
struct Chunk {
  std::string source;  // the file it came from, e.g. "docs/refunds.md"
  double score = 0;    // higher is better; comparable within one query only
  std::string text;
};

class Retriever {
 public:
  virtual ~Retriever() = default;
  // The best `top_k` chunks of `index` for `text`, best first. Throws
  // Error(invalid_input) naming the index when it does not exist (with a
  // hint to build it) and Error(provider) when embedding the query fails.
  // Called from several threads at once.
  virtual std::vector<Chunk> query(const std::string& index, std::string_view text, int top_k, Mode mode) = 0;
};

}  // namespace genops::core::retrieval
