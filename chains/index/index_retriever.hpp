#pragma once
// The SQLite implementation of the retrieval seam: adding documents to an
// index (chunk, embed, store) and querying it by BM25, exact cosine or both
// fused by reciprocal rank (k = 60).
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "chains/index/index_store.hpp"
#include "core/llm/model_client.hpp"
#include "core/retrieval/retriever.hpp"

namespace genops::chains {

// Embedding clients by provider name (from genops.yaml), built by the caller.
using Embedders = std::map<std::string, core::llm::ModelClient*>;

enum class DocumentChange { added, replaced, unchanged };

// "added", "replaced", "unchanged".
std::string_view to_string(DocumentChange outcome);

// Chunks `content` with the index's settings and stores it under `source`,
// embedding the chunks with `embedder` when the index has a provider. A
// source whose content hash is unchanged is left alone. Returns the outcome
// and the number of chunks. Throws Error(provider) when embedding fails.
std::pair<DocumentChange, std::size_t> add_document(IndexStore& store, const IndexSettings& settings, std::string_view source,
                                                std::string_view content, core::llm::ModelClient* embedder);

// The settings of `name`; throws Error(invalid_input) with did-you-mean and a
// hint to build it when there is no such index.
IndexSettings require_index(IndexStore& store, std::string_view name);

// The best `top_k` chunks of `index` for `text`. Scores: bm25 is -bm25()
// (positive, higher better), vector is cosine similarity, hybrid is the RRF
// sum. Throws Error(invalid_input) for an unknown index or vector/hybrid on an
// index without embeddings, Error(provider) when embedding the query fails.
std::vector<core::retrieval::Chunk> query_index(IndexStore& store, std::string_view index, std::string_view text, int top_k,
                                          core::retrieval::Mode mode, const Embedders& embedders);

// A Retriever over its own connection to the store at `path`; queries are
// serialised, so it may be called from several threads.
class IndexRetriever : public core::retrieval::Retriever {
 public:
  IndexRetriever(const std::filesystem::path& path, Embedders embedders);
  std::vector<core::retrieval::Chunk> query(const std::string& index, std::string_view text, int top_k, core::retrieval::Mode mode) override;

 private:
  std::mutex m_mutex;
  core::lineage::Database m_db;
  IndexStore m_store;
  Embedders m_embedders;
};

}  // namespace genops::chains
