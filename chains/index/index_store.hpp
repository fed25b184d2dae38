#pragma once
// Retrieval indexes in the lineage store (`genops index`): settings, source
// documents by content hash, chunks with optional embeddings, and an FTS5
// table over chunk text ranked by BM25.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lineage/sqlite.hpp"
#include "core/retrieval/ranking.hpp"

namespace genops::chains {

// How an index chunks and embeds; fixed when the index is created.
struct IndexSettings {
  std::string name;
  std::int64_t chunk_size = 800;
  std::int64_t overlap = 100;
  std::string embed_provider;  // empty: BM25 only
  std::int64_t dims = 0;       // 0 until the first embedding is stored
};

// One row of `genops index list`.
struct IndexSummary {
  IndexSettings settings;
  std::int64_t documents = 0;
  std::int64_t chunks = 0;
  std::string created_at;
};

// A chunk read back from the store.
struct StoredChunk {
  std::int64_t id = 0;
  std::string source;
  std::int64_t ordinal = 0;
  std::string text;
};

// Index tables over one open database; every failure throws Error(storage).
class IndexStore {
 public:
  explicit IndexStore(core::lineage::Database& db) : m_db(db) {}

  std::optional<IndexSettings> find_index(std::string_view name);
  std::vector<std::string> index_names();
  // Creates `settings.name`; the caller checks it does not exist yet.
  void create_index(const IndexSettings& settings);
  std::vector<IndexSummary> list_indexes();

  // The content hash recorded for `source`, if it was added before.
  std::optional<std::string> document_hash(std::string_view index, std::string_view source);
  // Replaces every chunk of `source` in one transaction; `embeddings` is empty
  // or has one vector per chunk (and then fixes the index's dims).
  void replace_document(std::string_view index, std::string_view source, std::string_view hash,
                        const std::vector<std::string>& chunks, const std::vector<std::vector<float>>& embeddings);

  // Up to `limit` chunks matching the FTS5 expression `match`, best first,
  // scored -bm25() (SQLite's bm25 is lower-is-better; ours is higher-is-better).
  std::vector<std::pair<StoredChunk, double>> search_bm25(std::string_view index, std::string_view match, std::int64_t limit);
  // Every embedded chunk of `index` (id and vector), for exact cosine search.
  std::vector<core::retrieval::EmbeddedId> embeddings(std::string_view index);
  // Chunks by id, in the order given (missing ids are skipped).
  std::vector<StoredChunk> chunks_by_id(const std::vector<std::int64_t>& ids);

 private:
  // search_bm25 on PostgreSQL (ts_rank over the English tsvector index).
  std::vector<std::pair<StoredChunk, double>> search_postgresql(std::string_view index, std::string_view match,
                                                                std::int64_t limit);
  core::lineage::Database& m_db;
};

}  // namespace genops::chains
