#include "chains/index/index_store.hpp"

#include "core/time.hpp"

namespace genops::chains {

using core::lineage::Statement;
using core::lineage::Transaction;
using core::lineage::Dialect;

namespace {

IndexSettings read_settings(const Statement& s) {
  return {s.text(0), s.integer(1), s.integer(2), s.text(3), s.integer(4)};
}

constexpr std::string_view k_settings_columns = "name, chunk_size, overlap, embed_provider, dims";

}  // namespace

std::optional<IndexSettings> IndexStore::find_index(std::string_view name) {
  auto stmt = m_db.prepare(std::string("SELECT ") + std::string(k_settings_columns) + " FROM retrieval_indexes WHERE name = ?1");
  stmt.bind(1, name);
  if (!stmt.step()) return std::nullopt;
  return read_settings(stmt);
}

std::vector<std::string> IndexStore::index_names() {
  std::vector<std::string> names;
  auto stmt = m_db.prepare("SELECT name FROM retrieval_indexes ORDER BY name");
  while (stmt.step()) names.push_back(stmt.text(0));
  return names;
}

void IndexStore::create_index(const IndexSettings& s) {
  m_db.prepare("INSERT INTO retrieval_indexes(name, chunk_size, overlap, embed_provider, dims, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, std::string_view(s.name)).bind(2, s.chunk_size).bind(3, s.overlap)
      .bind(4, std::string_view(s.embed_provider)).bind(5, s.dims).bind(6, std::string_view(core::now_timestamp()))
      .run();
}

std::vector<IndexSummary> IndexStore::list_indexes() {
  std::vector<IndexSummary> out;
  auto stmt = m_db.prepare(std::string("SELECT ") + std::string(k_settings_columns) +
                           ", created_at,"
                           " (SELECT COUNT(*) FROM retrieval_documents d WHERE d.index_name = i.name),"
                           " (SELECT COUNT(*) FROM retrieval_chunks c WHERE c.index_name = i.name)"
                           " FROM retrieval_indexes i ORDER BY name");
  while (stmt.step()) out.push_back({read_settings(stmt), stmt.integer(6), stmt.integer(7), stmt.text(5)});
  return out;
}

std::optional<std::string> IndexStore::document_hash(std::string_view index, std::string_view source) {
  auto stmt = m_db.prepare("SELECT content_hash FROM retrieval_documents WHERE index_name = ?1 AND source = ?2");
  stmt.bind(1, index).bind(2, source);
  if (!stmt.step()) return std::nullopt;
  return stmt.text(0);
}

void IndexStore::replace_document(std::string_view index, std::string_view source, std::string_view hash,
                                  const std::vector<std::string>& chunks, const std::vector<std::vector<float>>& embeddings) {
  Transaction tx(m_db);
  m_db.prepare("DELETE FROM retrieval_chunks WHERE index_name = ?1 AND source = ?2").bind(1, index).bind(2, source).run();
  m_db.prepare("INSERT INTO retrieval_documents(index_name, source, content_hash, added_at) VALUES(?1, ?2, ?3, ?4) "
               "ON CONFLICT(index_name, source) DO UPDATE SET content_hash = excluded.content_hash, added_at = excluded.added_at")
      .bind(1, index).bind(2, source).bind(3, hash).bind(4, std::string_view(core::now_timestamp()))
      .run();
  auto insert = m_db.prepare("INSERT INTO retrieval_chunks(index_name, source, ordinal, text, embedding) VALUES(?1, ?2, ?3, ?4, ?5)");
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    insert.bind(1, index).bind(2, source).bind(3, static_cast<std::int64_t>(i)).bind(4, std::string_view(chunks[i]));
    if (i < embeddings.size()) insert.bind_blob(5, core::retrieval::encode_embedding(embeddings[i]));
    else insert.bind_null(5);
    insert.run();
    insert.reset();
  }
  if (!embeddings.empty())
    m_db.prepare("UPDATE retrieval_indexes SET dims = ?2 WHERE name = ?1")
        .bind(1, index).bind(2, static_cast<std::int64_t>(embeddings.front().size())).run();
  tx.commit();
}

std::vector<std::pair<StoredChunk, double>> IndexStore::search_bm25(std::string_view index, std::string_view match,
                                                                    std::int64_t limit) {
  std::vector<std::pair<StoredChunk, double>> out;
  if (match.empty()) return out;
  if (m_db.dialect() == Dialect::postgresql) return search_postgresql(index, match, limit);
  auto stmt = m_db.prepare(
      "SELECT c.id, c.source, c.ordinal, c.text, bm25(retrieval_fts) AS score FROM retrieval_fts "
      "JOIN retrieval_chunks c ON c.id = retrieval_fts.rowid "
      "WHERE retrieval_fts MATCH ?1 AND c.index_name = ?2 ORDER BY score, c.id LIMIT ?3");
  stmt.bind(1, match).bind(2, index).bind(3, limit);
  while (stmt.step()) out.push_back({{stmt.integer(0), stmt.text(1), stmt.integer(2), stmt.text(3)}, -stmt.real(4)});
  return out;
}

// PostgreSQL's full-text search: the FTS5 query `"a" OR "b"` becomes the
// tsquery `'a' | 'b'` over the English configuration, ranked by ts_rank
// (term frequency, normalised by document length) instead of FTS5's BM25.
std::vector<std::pair<StoredChunk, double>> IndexStore::search_postgresql(std::string_view index, std::string_view match,
                                                                          std::int64_t limit) {
  std::string query;
  for (char c : match) {
    if (c == '"') continue;
    query += c;
  }
  std::string terms;
  std::size_t start = 0;
  while (start <= query.size()) {
    auto end = query.find(" OR ", start);
    auto word = query.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!word.empty()) terms += (terms.empty() ? "'" : " | '") + word + "'";
    if (end == std::string::npos) break;
    start = end + 4;
  }
  std::vector<std::pair<StoredChunk, double>> out;
  auto stmt = m_db.prepare(
      "SELECT c.id, c.source, c.ordinal, c.text, ts_rank(to_tsvector('english', c.text), q, 1) AS score "
      "FROM retrieval_chunks c, to_tsquery('english', ?1) q "
      "WHERE to_tsvector('english', c.text) @@ q AND c.index_name = ?2 ORDER BY score DESC, c.id LIMIT ?3");
  stmt.bind(1, terms).bind(2, index).bind(3, limit);
  while (stmt.step()) out.push_back({{stmt.integer(0), stmt.text(1), stmt.integer(2), stmt.text(3)}, stmt.real(4)});
  return out;
}

std::vector<core::retrieval::EmbeddedId> IndexStore::embeddings(std::string_view index) {
  std::vector<core::retrieval::EmbeddedId> out;
  auto stmt = m_db.prepare("SELECT id, embedding FROM retrieval_chunks WHERE index_name = ?1 AND embedding IS NOT NULL ORDER BY id");
  stmt.bind(1, index);
  while (stmt.step()) out.push_back({stmt.integer(0), core::retrieval::decode_embedding(stmt.blob(1))});
  return out;
}

std::vector<StoredChunk> IndexStore::chunks_by_id(const std::vector<std::int64_t>& ids) {
  std::vector<StoredChunk> out;
  auto stmt = m_db.prepare("SELECT id, source, ordinal, text FROM retrieval_chunks WHERE id = ?1");
  for (auto id : ids) {
    stmt.bind(1, id);
    if (stmt.step()) out.push_back({stmt.integer(0), stmt.text(1), stmt.integer(2), stmt.text(3)});
    stmt.reset();
  }
  return out;
}

}  // namespace genops::chains
