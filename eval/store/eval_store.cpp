#include "eval/store/eval_store.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/lineage/run_owner.hpp"
#include "core/redact.hpp"
#include "core/time.hpp"
#include "eval/store/eval_queries.hpp"
#include "eval/store/result_columns.hpp"

namespace genops::eval {

using core::lineage::Database;
using core::lineage::Transaction;
using core::lineage::Access;

namespace {

// Inserts `results` of run `eval_run_id` on `db`, inside the caller's
// transaction; a key already recorded is kept. Texts are redacted.
void insert_results(Database& db, const std::string& eval_run_id, std::span<const CaseResult> results) {
  auto insert = db.prepare(
      "INSERT INTO eval_results (eval_run_id, case_key, provider, repeat, case_index, description, vars, "
      "expected, output, run_id, pass, score, error, latency_ms, input_tokens, output_tokens, cost_usd, cached, "
      "assertions) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19) ON CONFLICT DO NOTHING");
  for (const auto& r : results) {
    insert.bind(1, eval_run_id).bind(2, r.case_key).bind(3, r.provider).bind(4, std::int64_t{r.repeat})
        .bind(5, r.case_index).bind(6, core::redact(r.description)).bind(7, core::redact(core::dump_json(r.vars)));
    if (r.expected) insert.bind(8, core::redact(*r.expected));
    else insert.bind_null(8);
    insert.bind(9, core::redact(r.output)).bind(10, r.run_id).bind(11, std::int64_t{r.pass ? 1 : 0}).bind(12, r.score)
        .bind(13, core::redact(r.error)).bind(14, r.latency_ms).bind(15, r.input_tokens).bind(16, r.output_tokens)
        .bind(17, r.cost_usd).bind(18, std::int64_t{r.cached ? 1 : 0}).bind(19, core::redact(assertions_json(r.assertions)));
    insert.run();
    insert.reset();
  }
}

Database open_database(const std::filesystem::path& path, Access access) {
  if (access == Access::read && !core::lineage::store_writable(path)) return Database(path.string(), Database::ReadOnly{});
  return Database(path.string(), Database::Create::no);
}

}  // namespace

EvalStore::EvalStore(const std::filesystem::path& path, Access access) : m_db(open_database(path, access)) {}

void EvalStore::begin_run(const EvalRunRecord& run) {
  Transaction tx(m_db);
  m_db.prepare(
          "INSERT INTO eval_runs (id, suite, suite_path, suite_hash, target, target_version, providers, repeat, "
          "status, started_at, planned, git_commit, host, owner_pid, owner_start, run_name, shard_index, shard_count, "
          "provider_used) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)")
      .bind(1, run.id).bind(2, run.suite).bind(3, core::redact(run.suite_path)).bind(4, run.suite_hash)
      .bind(5, core::redact(run.target)).bind(6, run.target_version).bind(7, run.providers_json).bind(8, run.repeat)
      .bind(9, run.status).bind(10, run.started_at).bind(11, run.planned).bind(12, run.git_commit).bind(13, run.host)
      .bind(14, core::lineage::this_process().pid).bind(15, core::lineage::this_process().start).bind(16, run.run_name).bind(17, run.shard_index)
      .bind(18, run.shard_count).bind(19, run.provider_used)
      .run();
  insert_prompt_versions(run.id, run.prompt_versions);
  tx.commit();
}

void EvalStore::add_prompt_versions(const std::string& run_id,
                                    const std::vector<std::pair<std::string, std::int64_t>>& versions) {
  Transaction tx(m_db);
  insert_prompt_versions(run_id, versions);
  tx.commit();
}

void EvalStore::insert_prompt_versions(const std::string& run_id,
                                       const std::vector<std::pair<std::string, std::int64_t>>& versions) {
  auto insert = m_db.prepare(
      "INSERT INTO eval_prompt_versions (eval_run_id, prompt, version) VALUES (?1,?2,?3) ON CONFLICT DO NOTHING");
  for (const auto& [prompt, version] : versions) {
    insert.bind(1, run_id).bind(2, prompt).bind(3, version).run();
    insert.reset();
  }
}

std::vector<EvalRunRecord> EvalStore::shards_of(const std::string& run_name) {
  auto q = m_db.prepare("SELECT " + std::string(eval_run_columns()) +
                        " FROM eval_runs WHERE run_name = ?1 AND shard_index > 0 ORDER BY suite, shard_count, shard_index");
  q.bind(1, run_name);
  std::vector<EvalRunRecord> runs;
  while (q.step()) {
    runs.push_back(read_eval_run(q));
    auto versions = m_db.prepare("SELECT prompt, version FROM eval_prompt_versions WHERE eval_run_id = ?1");
    versions.bind(1, runs.back().id);
    while (versions.step()) runs.back().prompt_versions.emplace_back(versions.text(0), versions.integer(1));
  }
  return runs;
}

void EvalStore::write_results(const std::string& eval_run_id, std::span<const CaseResult> results) {
  if (results.empty()) return;
  // Retried as a whole when a server connection drops: the keys make it idempotent.
  m_db.write([&] { insert_results(m_db, eval_run_id, results); });
}

std::uint64_t EvalStore::submit_results(const std::string& eval_run_id,
                                        std::shared_ptr<const std::vector<CaseResult>> results) {
  if (!m_writer) {
    write_results(eval_run_id, *results);
    return 0;
  }
  if (results->empty()) return 0;
  return m_writer->enqueue_write(
      [eval_run_id, results = std::move(results)](Database& db) { insert_results(db, eval_run_id, *results); });
}

void EvalStore::wait_results(std::uint64_t ticket) {
  if (ticket != 0 && m_writer) m_writer->wait_durable(ticket);
}

void EvalStore::reopen_run(const std::string& id) {
  m_db.prepare("UPDATE eval_runs SET status = 'running', ended_at = NULL, host = ?1, owner_pid = ?2, owner_start = ?3 WHERE id = ?4")
      .bind(1, core::lineage::this_process().host).bind(2, core::lineage::this_process().pid).bind(3, core::lineage::this_process().start).bind(4, id).run();
}

void EvalStore::end_run(const std::string& id, const std::string& status, const std::string& summary_json,
                        std::optional<bool> gate_passed) {
  auto update = m_db.prepare("UPDATE eval_runs SET status = ?1, ended_at = ?2, summary = ?3, gate_passed = ?4 WHERE id = ?5");
  update.bind(1, status).bind(2, core::now_timestamp()).bind(3, summary_json);
  if (gate_passed) update.bind(4, std::int64_t{*gate_passed ? 1 : 0});
  else update.bind_null(4);
  update.bind(5, id).run();
}

void EvalStore::add_label(const std::string& label, const std::string& suite, const std::string& run_id,
                          const std::string& author) {
  m_db.prepare("INSERT INTO eval_labels (label, suite, eval_run_id, created_at, author) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(1, label).bind(2, suite).bind(3, run_id).bind(4, core::now_timestamp()).bind(5, author).run();
}

std::optional<EvalRunRecord> EvalStore::find_run(const std::string& id_or_prefix) {
  return find_eval_run(m_db, id_or_prefix);
}

std::optional<EvalRunRecord> EvalStore::last_run(const std::string& suite) {
  auto q = m_db.prepare("SELECT " + std::string(eval_run_columns()) +
                        " FROM eval_runs WHERE suite = ?1 ORDER BY started_at DESC, id DESC LIMIT 1");
  q.bind(1, suite);
  if (!q.step()) return std::nullopt;
  return read_eval_run(q);
}

std::optional<std::string> EvalStore::run_for_label(const std::string& suite, const std::string& label,
                                                    const std::string& exclude) {
  auto q = m_db.prepare(
      "SELECT l.eval_run_id FROM eval_labels l JOIN eval_runs r ON r.id = l.eval_run_id "
      "WHERE l.suite = ?1 AND l.label = ?2 AND l.eval_run_id != ?3 ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1");
  q.bind(1, suite).bind(2, label).bind(3, exclude);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

void EvalStore::for_each_result(const std::string& run_id, const std::function<void(CaseResult)>& visit) {
  auto q = m_db.prepare("SELECT " + std::string(eval_result_columns()) + " FROM eval_results r WHERE r.eval_run_id IN (" +
                        std::string(eval_result_run_ids()) + ") ORDER BY r.case_index, r.provider, r.repeat");
  q.bind(1, run_id);
  while (q.step()) visit(read_eval_result(q));
}

std::vector<EvalRunRecord> EvalStore::runs_using_prompt(const std::string& prompt, std::int64_t version) {
  auto q = m_db.prepare("SELECT " + std::string(eval_run_columns()) +
                        " FROM eval_runs WHERE status = 'finished' AND shard_index = 0 AND id IN (SELECT eval_run_id FROM "
                        "eval_prompt_versions WHERE prompt = ?1 AND version = ?2) ORDER BY started_at DESC");
  q.bind(1, prompt).bind(2, version);
  std::vector<EvalRunRecord> runs;
  while (q.step()) runs.push_back(read_eval_run(q));
  return runs;
}

}  // namespace genops::eval
