#include "eval/skew/store/input_log.hpp"

#include <map>

#include "core/hash.hpp"

namespace genops::eval::skew {

using core::lineage::Store;
using core::lineage::Transaction;

RunInputCursor::RunInputCursor(Store& store, const std::string& name, const std::string& since, const std::string& until)
    : m_stmt(store.db().prepare(
          "SELECT COALESCE(b.content, r.inputs, ''), r.started_at FROM runs r LEFT JOIN blobs b ON b.hash = r.inputs_blob "
          "WHERE r.name = ?1 AND r.kind IN ('chain', 'ingest') AND (?2 = '' OR r.started_at >= ?2) "
          "AND (?3 = '' OR r.started_at < ?3) "
          // The runs an eval made are test traffic, not production inputs.
          "AND NOT EXISTS (SELECT 1 FROM eval_runs e WHERE e.id = r.batch_id) ORDER BY r.started_at, r.id")) {
  m_stmt.bind(1, std::string_view(name)).bind(2, std::string_view(since)).bind(3, std::string_view(until));
}

bool RunInputCursor::next(std::string& inputs_json, std::string& started_at) {
  if (!m_stmt.step()) return false;
  inputs_json = m_stmt.text(0);
  started_at = m_stmt.text(1);
  return true;
}

std::vector<std::string> input_log_names(Store& store) {
  auto stmt = store.db().prepare("SELECT DISTINCT name FROM runs WHERE kind IN ('chain', 'ingest') ORDER BY name");
  std::vector<std::string> out;
  while (stmt.step()) out.push_back(stmt.text(0));
  return out;
}

IngestOutcome ingest_rows(Store& store, const std::string& name, const std::string& source_path,
                          std::span<const IngestRow> rows) {
  IngestOutcome out;
  auto& db = store.db();
  Transaction tx(db);
  auto insert = db.prepare(
      "INSERT INTO runs(id, kind, name, version, source_path, status, started_at, ended_at, inputs) "
      "VALUES(?1, ?2, ?3, '', ?4, 'ingested', ?5, ?5, ?6) ON CONFLICT DO NOTHING");
  std::map<std::string, int> occurrences;
  for (const auto& row : rows) {
    std::string identity = name + '\0' + row.timestamp + '\0' + row.inputs_json;
    const int nth = occurrences[identity]++;
    identity += '\0' + std::to_string(nth);
    const std::string id = core::sha256_hex(identity).substr(0, 16);
    insert.bind(1, std::string_view(id)).bind(2, std::string_view(k_ingest_kind)).bind(3, std::string_view(name));
    insert.bind(4, std::string_view(source_path)).bind(5, std::string_view(row.timestamp)).bind(6, std::string_view(row.inputs_json));
    insert.run();
    if (db.changes() > 0) ++out.added;
    else ++out.present;
    insert.reset();
  }
  tx.commit();
  return out;
}

}  // namespace genops::eval::skew
