#include "chains/index/index_retriever.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/retrieval/chunker.hpp"
#include "core/strings.hpp"

namespace genops::chains {

using core::lineage::Database;

namespace {

constexpr std::size_t k_embed_batch = 64;
constexpr double k_rrf_k = 60;

std::vector<std::vector<float>> embed_all(core::llm::ModelClient& client, const std::vector<std::string>& texts) {
  std::vector<std::vector<float>> out;
  for (std::size_t i = 0; i < texts.size(); i += k_embed_batch) {
    auto n = std::min(k_embed_batch, texts.size() - i);
    auto batch = client.embed(std::span<const std::string>(texts).subspan(i, n));
    if (batch.size() != n) core::fail_input("provider " + client.name() + " returned " + std::to_string(batch.size()) +
                                      " embeddings for " + std::to_string(n) + " texts");
    for (auto& v : batch) out.push_back(std::move(v));
  }
  return out;
}

core::llm::ModelClient& embedder_for(const IndexSettings& s, const Embedders& embedders, core::retrieval::Mode mode) {
  if (s.embed_provider.empty())
    core::fail_input("index " + core::quote(s.name) + " has no embeddings; " + std::string(core::retrieval::to_string(mode)) + " mode needs them",
               {"use --mode bm25, or rebuild it with an embedding provider: genops index add " + s.name + "-vec FILES... --embed PROVIDER"});
  auto it = embedders.find(s.embed_provider);
  if (it == embedders.end() || !it->second)
    core::fail_input("index " + core::quote(s.name) + " embeds with provider " + core::quote(s.embed_provider) + ", which is not configured",
               {"add it to genops.yaml, e.g. " + s.embed_provider + ": {kind: hash-embed, dims: 512}"});
  return *it->second;
}

std::vector<core::retrieval::ScoredId> vector_ranking(IndexStore& store, const IndexSettings& s, std::string_view text,
                                                std::size_t limit, core::llm::ModelClient& client) {
  std::vector<std::string> texts{std::string(text)};
  auto query = embed_all(client, texts);
  auto candidates = store.embeddings(s.name);
  return core::retrieval::rank_by_cosine(query.front(), candidates, limit);
}

std::vector<core::retrieval::Chunk> to_chunks(IndexStore& store, const std::vector<core::retrieval::ScoredId>& ranked) {
  std::vector<std::int64_t> ids;
  for (const auto& r : ranked) ids.push_back(r.id);
  auto stored = store.chunks_by_id(ids);
  std::vector<core::retrieval::Chunk> out;
  for (std::size_t i = 0; i < stored.size() && i < ranked.size(); ++i)
    out.push_back({stored[i].source, ranked[i].score, stored[i].text});
  return out;
}

}  // namespace

std::string_view to_string(DocumentChange outcome) {
  switch (outcome) {
    case DocumentChange::replaced: return "replaced";
    case DocumentChange::unchanged: return "unchanged";
    default: return "added";
  }
}

std::pair<DocumentChange, std::size_t> add_document(IndexStore& store, const IndexSettings& settings, std::string_view source,
                                                std::string_view content, core::llm::ModelClient* embedder) {
  auto hash = core::sha256_hex(content);
  auto previous = store.document_hash(settings.name, source);
  if (previous && *previous == hash) return {DocumentChange::unchanged, 0};
  core::retrieval::ChunkOptions options{static_cast<std::size_t>(settings.chunk_size), static_cast<std::size_t>(settings.overlap)};
  auto chunks = core::retrieval::chunk_text(content, core::retrieval::format_for_path(source), options);
  std::vector<std::vector<float>> embeddings;
  if (embedder && !chunks.empty()) embeddings = embed_all(*embedder, chunks);
  store.replace_document(settings.name, source, hash, chunks, embeddings);
  return {previous ? DocumentChange::replaced : DocumentChange::added, chunks.size()};
}

IndexSettings require_index(IndexStore& store, std::string_view name) {
  if (auto settings = store.find_index(name)) return *settings;
  std::vector<std::string> hints;
  auto names = store.index_names();
  if (auto close = core::closest_match(name, names)) hints.push_back("did you mean " + core::quote(*close) + "?");
  hints.push_back("build it with: genops index add " + std::string(name) + " FILES...");
  core::fail_input("index " + core::quote(name) + " not found", hints);
}

std::vector<core::retrieval::Chunk> query_index(IndexStore& store, std::string_view index, std::string_view text, int top_k,
                                          core::retrieval::Mode mode, const Embedders& embedders) {
  auto settings = require_index(store, index);
  auto k = static_cast<std::size_t>(std::max(top_k, 1));
  auto match = core::retrieval::fts_query_for(text);
  if (mode == core::retrieval::Mode::bm25) {
    std::vector<core::retrieval::Chunk> out;
    for (auto& [chunk, score] : store.search_bm25(settings.name, match, static_cast<std::int64_t>(k)))
      out.push_back({chunk.source, score, chunk.text});
    return out;
  }
  auto& client = embedder_for(settings, embedders, mode);
  if (mode == core::retrieval::Mode::vector) return to_chunks(store, vector_ranking(store, settings, text, k, client));
  // Hybrid: fuse deeper lists than asked for so that a chunk ranked well by one side can surface.
  auto depth = std::max<std::size_t>(k * 4, 50);
  std::vector<std::vector<std::int64_t>> rankings(2);
  for (const auto& [chunk, score] : store.search_bm25(settings.name, match, static_cast<std::int64_t>(depth)))
    rankings[0].push_back(chunk.id);
  for (const auto& r : vector_ranking(store, settings, text, depth, client)) rankings[1].push_back(r.id);
  auto fused = core::retrieval::fuse_reciprocal_rank(rankings, k_rrf_k);
  if (fused.size() > k) fused.resize(k);
  return to_chunks(store, fused);
}

IndexRetriever::IndexRetriever(const std::filesystem::path& path, Embedders embedders)
    : m_db(path.string(), Database::Create::no), m_store(m_db), m_embedders(std::move(embedders)) {}

std::vector<core::retrieval::Chunk> IndexRetriever::query(const std::string& index, std::string_view text, int top_k,
                                                    core::retrieval::Mode mode) {
  std::lock_guard lock(m_mutex);
  return query_index(m_store, index, text, top_k, mode, m_embedders);
}

}  // namespace genops::chains
