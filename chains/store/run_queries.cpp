#include "chains/store/run_queries.hpp"

#include <map>

#include "core/error.hpp"
#include "core/lineage/run_owner.hpp"
#include "core/strings.hpp"

namespace genops::chains {

using core::lineage::Store;
using core::lineage::Statement;

namespace {

constexpr std::string_view k_run_columns =
    "SELECT r.id, r.kind, r.name, r.version, r.source_path, r.status, r.started_at, COALESCE(r.ended_at, ''), "
    "r.error, r.steps, r.input_tokens, r.output_tokens, r.cost_usd, r.duration_ms, r.git_commit, r.host, r.batch_id, "
    "r.row_index, COALESCE(bi.content, r.inputs, ''), COALESCE(bo.content, r.outputs, ''), r.owner_pid, r.owner_start "
    "FROM runs r "
    "LEFT JOIN blobs bi ON bi.hash = r.inputs_blob LEFT JOIN blobs bo ON bo.hash = r.outputs_blob ";

RunSummary read_run(const Statement& s) {
  RunSummary r;
  r.run.id = s.text(0);
  r.run.kind = s.text(1);
  r.run.name = s.text(2);
  r.run.version = s.text(3);
  r.run.source_path = s.text(4);
  r.end.id = r.run.id;
  r.end.status = s.text(5);
  r.run.started_at = s.text(6);
  r.end.ended_at = s.text(7);
  r.end.error = s.text(8);
  r.end.steps = s.integer(9);
  r.end.input_tokens = s.integer(10);
  r.end.output_tokens = s.integer(11);
  r.end.cost_usd = s.real(12);
  r.end.duration_ms = s.integer(13);
  r.run.git_commit = s.text(14);
  r.run.host = s.text(15);
  r.run.batch_id = s.text(16);
  if (!s.is_null(17)) r.run.row_index = s.integer(17);
  r.inputs_json = s.text(18);
  r.outputs_json = s.text(19);
  r.end.status = core::lineage::effective_status(r.end.status, {r.run.host, s.integer(20), s.integer(21)});
  return r;
}

}  // namespace

std::vector<RunSummary> list_runs(Store& store, const RunFilter& f) {
  // `abandoned` is `running` in the table, told apart by its owner: both are
  // filtered after reading, so the limit applies to what is shown.
  const bool by_owner = f.status == "running" || f.status == "abandoned";
  auto stmt = store.db().prepare(std::string(k_run_columns) +
                                 "WHERE (?1 = '' OR r.name = ?1) AND (?2 = '' OR r.status = ?2) AND "
                                 "(?3 = '' OR r.started_at >= ?3) AND (?5 = '' OR r.kind = ?5) "
                                 "ORDER BY r.started_at DESC, r.id LIMIT ?4");
  stmt.bind(1, std::string_view(f.name)).bind(2, by_owner ? std::string_view("running") : std::string_view(f.status));
  stmt.bind(3, std::string_view(f.since)).bind(4, by_owner ? std::int64_t{-1} : static_cast<std::int64_t>(f.limit));
  stmt.bind(5, std::string_view(f.kind));
  std::vector<RunSummary> out;
  while (stmt.step() && out.size() < static_cast<std::size_t>(f.limit)) {
    auto run = read_run(stmt);
    if (by_owner && run.end.status != f.status) continue;
    out.push_back(std::move(run));
  }
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> count_runs_by_status(Store& store) {
  std::map<std::string, std::int64_t> counts;
  auto grouped = store.db().prepare("SELECT status, COUNT(*) FROM runs WHERE status != 'running' GROUP BY status");
  while (grouped.step()) counts[grouped.text(0)] += grouped.integer(1);
  auto running = store.db().prepare("SELECT host, owner_pid, owner_start FROM runs WHERE status = 'running'");
  while (running.step())
    ++counts[core::lineage::effective_status("running", {running.text(0), running.integer(1), running.integer(2)})];
  return {counts.begin(), counts.end()};
}

RunSummary find_run(Store& store, std::string_view id) {
  if (id == "last") {
    auto stmt = store.db().prepare(std::string(k_run_columns) + "ORDER BY r.started_at DESC LIMIT 1");
    if (stmt.step()) return read_run(stmt);
    core::fail_input("no runs in the store yet", {"run a chain with: genops run CHAIN.yaml"});
  }
  if (id.size() < 4 || id.find_first_not_of("0123456789abcdef") != std::string_view::npos)
    core::fail_input("run id " + core::quote(id) + ": expected 4 to 16 hex digits, or \"last\"", {"list runs with: genops runs list"});
  auto stmt = store.db().prepare(std::string(k_run_columns) + "WHERE substr(r.id, 1, length(?1)) = ?1 LIMIT 3");
  stmt.bind(1, id);
  std::vector<RunSummary> found;
  while (stmt.step()) found.push_back(read_run(stmt));
  if (found.empty()) core::fail_input("no run with id " + core::quote(id), {"list runs with: genops runs list"});
  if (found.size() > 1) {
    std::vector<std::string> ids;
    for (const auto& r : found) ids.push_back(r.run.id);
    core::fail_input("run id prefix " + core::quote(id) + " is ambiguous", {"matches " + core::join(ids, ", ") + (found.size() > 2 ? ", …" : "")});
  }
  return found.front();
}

std::vector<StepRecord> run_steps(Store& store, const std::string& run_id, Texts texts) {
  std::string sql =
      "SELECT s.seq, s.parent_seq, s.item_index, s.step_id, s.kind, s.status, s.prompt_ref, s.prompt_hash, s.provider, "
      "s.model, s.params, s.input_tokens, s.output_tokens, s.cost_usd, s.started_at, s.latency_us, s.cache_hit, "
      "s.retries, s.error";
  sql += texts == Texts::yes ? ", COALESCE(bq.content, s.request, ''), COALESCE(bo.content, s.output, '') FROM steps s "
                               "LEFT JOIN blobs bq ON bq.hash = s.request_blob LEFT JOIN blobs bo ON bo.hash = s.output_blob "
                             : " FROM steps s ";
  sql += "WHERE s.run_id = ?1 ORDER BY s.seq";
  auto stmt = store.db().prepare(sql);
  stmt.bind(1, std::string_view(run_id));
  std::vector<StepRecord> out;
  while (stmt.step()) {
    StepRecord r;
    r.run_id = run_id;
    r.seq = stmt.integer(0);
    if (!stmt.is_null(1)) r.parent_seq = stmt.integer(1);
    if (!stmt.is_null(2)) r.item_index = stmt.integer(2);
    r.step_id = stmt.text(3);
    r.kind = stmt.text(4);
    r.status = stmt.text(5);
    r.prompt_ref = stmt.text(6);
    r.prompt_hash = stmt.text(7);
    r.provider = stmt.text(8);
    r.model = stmt.text(9);
    r.params_json = stmt.text(10);
    r.input_tokens = stmt.integer(11);
    r.output_tokens = stmt.integer(12);
    r.cost_usd = stmt.real(13);
    r.started_at = stmt.text(14);
    r.latency_us = stmt.integer(15);
    r.cache_hit = stmt.integer(16) != 0;
    r.retries = static_cast<int>(stmt.integer(17));
    r.error = stmt.text(18);
    if (texts == Texts::yes) {
      r.request = stmt.text(19);
      r.output = stmt.text(20);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace genops::chains
