#include "eval/store/eval_queries.hpp"

#include <map>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/lineage/run_owner.hpp"
#include "eval/store/result_columns.hpp"

namespace genops::eval {

using core::lineage::Database;
using core::lineage::Statement;

namespace {

// Labels held now: rows of eval_labels with no later move of the same (suite, label).
constexpr std::string_view k_held_labels =
    "SELECT l.label FROM eval_labels l WHERE l.eval_run_id = ?1 AND NOT EXISTS (SELECT 1 FROM eval_labels n "
    "WHERE n.suite = l.suite AND n.label = l.label AND (n.created_at > l.created_at OR "
    "(n.created_at = l.created_at AND n.rowid > l.rowid))) ORDER BY l.label";

}  // namespace

std::string_view eval_result_run_ids() {
  return "SELECT s.id FROM eval_runs s, eval_runs w WHERE w.id = ?1 AND (s.id = w.id OR (w.shard_index = 0 AND "
         "w.shard_count > 0 AND s.run_name = w.run_name AND s.suite = w.suite AND s.shard_count = w.shard_count AND "
         "s.shard_index > 0))";
}

std::string_view eval_result_columns() {
  return "r.case_key, r.provider, r.repeat, r.case_index, r.description, r.vars, r.expected, r.output, r.run_id, "
         "r.pass, r.score, r.error, r.latency_ms, r.input_tokens, r.output_tokens, r.cost_usd, r.cached, r.assertions";
}

CaseResult read_eval_result(const Statement& q) {
  CaseResult r;
  r.case_key = q.text(0);
  r.provider = q.text(1);
  r.repeat = static_cast<int>(q.integer(2));
  r.case_index = q.integer(3);
  r.description = q.text(4);
  auto vars = core::parse_json(q.text(5));
  if (vars && vars->is_object()) r.vars = std::move(*vars);
  if (!q.is_null(6)) r.expected = q.text(6);
  r.output = q.text(7);
  r.run_id = q.text(8);
  r.pass = q.integer(9) != 0;
  r.score = q.real(10);
  r.error = q.text(11);
  r.latency_ms = q.integer(12);
  r.input_tokens = q.integer(13);
  r.output_tokens = q.integer(14);
  r.cost_usd = q.real(15);
  r.cached = q.integer(16) != 0;
  r.assertions = parse_assertions(q.text(17));
  return r;
}

std::string_view eval_run_columns() {
  return "id, suite, suite_path, suite_hash, target, target_version, providers, repeat, status, started_at, "
         "COALESCE(ended_at, ''), planned, COALESCE(summary, ''), gate_passed, git_commit, host, owner_pid, owner_start, "
         "run_name, shard_index, shard_count, provider_used";
}

EvalRunRecord read_eval_run(const Statement& row) {
  EvalRunRecord run;
  run.id = row.text(0);
  run.suite = row.text(1);
  run.suite_path = row.text(2);
  run.suite_hash = row.text(3);
  run.target = row.text(4);
  run.target_version = row.text(5);
  run.providers_json = row.text(6);
  run.repeat = row.integer(7);
  run.started_at = row.text(9);
  run.ended_at = row.text(10);
  run.planned = row.integer(11);
  run.summary_json = row.text(12);
  if (!row.is_null(13)) run.gate_passed = row.integer(13) != 0;
  run.git_commit = row.text(14);
  run.host = row.text(15);
  run.owner_pid = row.integer(16);
  run.owner_start = row.integer(17);
  run.run_name = row.text(18);
  run.shard_index = row.integer(19);
  run.shard_count = row.integer(20);
  run.provider_used = row.text(21);
  run.status = core::lineage::effective_status(row.text(8), {run.host, run.owner_pid, run.owner_start});
  return run;
}

std::optional<EvalRunRecord> find_eval_run(Database& db, const std::string& id_or_prefix) {
  std::string sql = "SELECT " + std::string(eval_run_columns()) + " FROM eval_runs ";
  if (id_or_prefix == "last") {
    auto q = db.prepare(sql + "ORDER BY started_at DESC, id DESC LIMIT 1");
    if (!q.step()) return std::nullopt;
    return read_eval_run(q);
  }
  auto q = db.prepare(sql + "WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2");
  q.bind(1, id_or_prefix).bind(2, id_or_prefix + "\x7f");
  if (!q.step()) return std::nullopt;
  auto run = read_eval_run(q);
  if (run.id != id_or_prefix && q.step())
    core::fail_input("eval run id " + id_or_prefix + " is ambiguous", {"give more digits of the id"});
  return run;
}

EvalRunListing describe_eval_run(Database& db, EvalRunRecord run) {
  EvalRunListing out;
  auto totals = db.prepare(
      "SELECT COUNT(*), COALESCE(SUM(pass), 0), COALESCE(SUM(CASE WHEN error != '' THEN 1 ELSE 0 END), 0), COUNT(DISTINCT case_key), "
      "COALESCE(SUM(cost_usd), 0) FROM eval_results WHERE eval_run_id IN (" + std::string(eval_result_run_ids()) + ")");
  totals.bind(1, run.id);
  if (totals.step()) {
    out.results = totals.integer(0);
    out.passes = totals.integer(1);
    out.errors = totals.integer(2);
    out.cases = totals.integer(3);
    out.cost_usd = totals.real(4);
  }
  auto labels = db.prepare(k_held_labels);
  labels.bind(1, run.id);
  while (labels.step()) out.labels.push_back(labels.text(0));
  out.run = std::move(run);
  return out;
}

std::vector<EvalRunListing> list_eval_runs(Database& db, const std::string& suite, int limit) {
  auto q = db.prepare("SELECT " + std::string(eval_run_columns()) +
                      " FROM eval_runs WHERE (?1 = '' OR suite = ?1) ORDER BY started_at DESC, id DESC LIMIT ?2");
  q.bind(1, suite).bind(2, static_cast<std::int64_t>(limit));
  std::vector<EvalRunRecord> runs;
  while (q.step()) runs.push_back(read_eval_run(q));
  std::vector<EvalRunListing> out;
  out.reserve(runs.size());
  for (auto& run : runs) out.push_back(describe_eval_run(db, std::move(run)));
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> count_eval_runs_by_status(Database& db) {
  std::map<std::string, std::int64_t> counts;
  auto grouped = db.prepare("SELECT status, COUNT(*) FROM eval_runs WHERE status != 'running' GROUP BY status");
  while (grouped.step()) counts[grouped.text(0)] += grouped.integer(1);
  auto running = db.prepare("SELECT host, owner_pid, owner_start FROM eval_runs WHERE status = 'running'");
  while (running.step())
    ++counts[core::lineage::effective_status("running", {running.text(0), running.integer(1), running.integer(2)})];
  return {counts.begin(), counts.end()};
}

std::vector<EvalLabelMove> eval_label_history(Database& db, const std::string& suite, const std::string& label) {
  auto q = db.prepare(
      "SELECT label, eval_run_id, created_at, author FROM eval_labels WHERE suite = ?1 AND (?2 = '' OR label = ?2) "
      "ORDER BY created_at, rowid");
  q.bind(1, suite).bind(2, label);
  std::vector<EvalLabelMove> out;
  while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3)});
  return out;
}

}  // namespace genops::eval
