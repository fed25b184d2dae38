#include "eval/store/eval_result_pages.hpp"

#include <string_view>

#include "core/error.hpp"
#include "eval/store/eval_queries.hpp"

namespace genops::eval {

using core::lineage::Database;
using core::lineage::Dialect;
using core::lineage::Statement;

namespace {

constexpr std::int64_t k_postgresql_chunk = 2000;
constexpr int k_run_column = 18;  // after eval_result_columns()
constexpr int k_vars_column = 5;
constexpr int k_output_column = 7;

// The run ids subquery with its parameter renumbered to ?N.
std::string run_ids(int parameter) {
  std::string sql(eval_result_run_ids());
  auto at = sql.find("?1");
  sql.replace(at, 2, "?" + std::to_string(parameter));
  return sql;
}

// The WHERE terms for `status`, written as the partial indexes are (pass = 0, error != '').
std::string status_terms(const std::string& status, int baseline_parameter) {
  if (status.empty()) return "";
  if (status == "failed") return " AND r.pass = 0";
  if (status == "errored") return " AND r.error != ''";
  if (status == "passed") return " AND r.pass = 1";
  if (status == "changed")
    return " AND EXISTS (SELECT 1 FROM eval_results b WHERE b.eval_run_id IN (" + run_ids(baseline_parameter) +
           ") AND b.case_key = r.case_key AND b.provider = r.provider AND b.repeat = r.repeat AND b.pass != r.pass)";
  core::fail_input("status: unknown filter \"" + status + "\"", {"one of: failed, errored, passed, changed"});
}

// A sort order: the column before the key ("" for the key alone) and its direction.
struct Order {
  std::string column;
  bool descending = false;
  bool integer = false;
};

Order order_of(const std::string& sort) {
  std::string_view key = sort;
  Order o;
  o.descending = !key.empty() && key.front() == '-';
  if (o.descending) key.remove_prefix(1);
  if (key == "key" && !o.descending) return o;
  if (key == "score") o.column = "r.score";
  else if (key == "latency") o.column = "r.latency_ms", o.integer = true;
  else if (key == "cost") o.column = "r.cost_usd";
  else core::fail_input("sort: unknown order \"" + sort + "\"", {"one of: key, score, latency, cost (a leading - for descending)"});
  return o;
}

// A result's key in scan order: each shard's in turn in its primary key's
// order (no sort), or with `merged` one order over the shards, byte by byte
// when `collate_c` (PostgreSQL).
std::string key_columns(bool merged, bool collate_c) {
  if (!merged) return "r.eval_run_id, r.case_key, r.provider, r.repeat";
  return collate_c ? "r.case_key COLLATE \"C\", r.provider COLLATE \"C\", r.repeat" : "r.case_key, r.provider, r.repeat";
}

std::string order_by(const Order& o, bool merged, bool collate_c) {
  std::string keys = key_columns(merged, collate_c);
  if (o.column.empty()) return " ORDER BY " + keys;
  return " ORDER BY " + o.column + (o.descending ? " DESC, " : ", ") + keys;
}

// The filter's SELECT up to its ORDER BY; parameters ?1 run, ?2 provider, ?3
// the baseline when `changed`; `next` is the first free one.
std::string filtered_select(const ScanSpec& spec, int& next) {
  std::string columns(eval_result_columns());
  if (!spec.texts) {
    columns.replace(columns.find("r.expected"), 10, "NULL");
    columns.replace(columns.find("r.output"), 8, "''");
  }
  next = 3;
  bool changed = spec.status == "changed";
  if (changed && spec.baseline_run_id.empty())
    core::fail_input("status: \"changed\" needs a baseline run", {"pick a baseline run to compare with"});
  return "SELECT " + columns + ", r.eval_run_id FROM eval_results r WHERE r.eval_run_id IN (" + run_ids(1) + ")" +
         status_terms(spec.status, changed ? next++ : 0) + " AND (?2 = '' OR r.provider = ?2)";
}

void bind_filter(Statement& q, const std::string& run_id, const ScanSpec& spec) {
  q.bind(1, run_id).bind(2, spec.provider);
  if (spec.status == "changed") q.bind(3, spec.baseline_run_id);
}

}  // namespace

ResultScan::ResultScan(Database& db, std::string run_id, ScanSpec spec)
    : m_db(db), m_run_id(std::move(run_id)), m_spec(std::move(spec)) {
  (void)order_of(m_spec.sort);  // an unknown sort fails here, not at the first row
  if (m_spec.chunk == 0 && m_db.dialect() == Dialect::postgresql) m_spec.chunk = k_postgresql_chunk;
  m_collate_c = m_spec.merged && m_db.dialect() == Dialect::postgresql;  // SQLite's BINARY collation is bytewise
}

void ResultScan::open() {
  Order o = order_of(m_spec.sort);
  int next = 0;
  std::string sql = filtered_select(m_spec, next);
  // Parameters from `next` on: the last sort value (with a sort column), then its key.
  int value_at = next, key_at = o.column.empty() ? next : next + 1;
  int key_size = m_spec.merged ? 3 : 4;
  if (m_started) {
    // After the last row: a greater key, or (with a sort column) a later value.
    std::string keys = "(" + key_columns(m_spec.merged, m_collate_c) + ") > (";
    for (int i = 0; i < key_size; ++i) keys += (i ? ", ?" : "?") + std::to_string(key_at + i);
    keys += ")";
    std::string value = "?" + std::to_string(value_at);
    if (o.column.empty()) sql += " AND " + keys;
    else sql += " AND (" + o.column + (o.descending ? " < " : " > ") + value + " OR (" + o.column + " = " + value + " AND " + keys + "))";
    next = key_at + key_size;
  }
  sql += order_by(o, m_spec.merged, m_collate_c);
  if (m_spec.chunk > 0) sql += " LIMIT ?" + std::to_string(next);
  m_query.reset();
  m_query.emplace(m_db.prepare(sql));
  auto& q = *m_query;
  bind_filter(q, m_run_id, m_spec);
  if (m_started) {
    if (o.column == "r.score") q.bind(value_at, m_last.score);
    else if (o.column == "r.cost_usd") q.bind(value_at, m_last.cost_usd);
    else if (o.integer) q.bind(value_at, m_last.latency_ms);
    int at = key_at;
    if (!m_spec.merged) q.bind(at++, m_last_run);
    q.bind(at, m_last.case_key).bind(at + 1, m_last.provider).bind(at + 2, std::int64_t{m_last.repeat});
  }
  if (m_spec.chunk > 0) q.bind(next, m_spec.chunk);
  m_started = true;
  m_in_chunk = 0;
}

bool ResultScan::step() {
  while (!m_done) {
    if (!m_query) open();
    auto& q = *m_query;
    if (q.step()) {
      ++m_in_chunk;
      // The key and sort value, read from their columns (eval_result_columns()).
      m_last_run = q.text(k_run_column);
      m_last.case_key = q.text(0);
      m_last.provider = q.text(1);
      m_last.repeat = static_cast<int>(q.integer(2));
      m_last.score = q.real(10);
      m_last.latency_ms = q.integer(12);
      m_last.cost_usd = q.real(15);
      return true;
    }
    m_done = m_spec.chunk == 0 || m_in_chunk < m_spec.chunk;  // a short chunk is the last
    m_query.reset();
  }
  return false;
}

std::optional<CaseResult> ResultScan::next() {
  if (!step()) return std::nullopt;
  return read_eval_result(*m_query);
}

std::optional<CaseResult> ResultScan::next_kept(const std::function<bool(std::string_view, std::string_view)>& keep,
                                                std::int64_t& scanned, std::int64_t scan_limit) {
  while (step()) {
    if (scanned == scan_limit) {  // a row beyond the limit: the scan stops short
      m_stopped_short = true;
      return std::nullopt;
    }
    ++scanned;
    if (keep(m_query->text(k_vars_column), m_query->text(k_output_column))) return read_eval_result(*m_query);
  }
  return std::nullopt;
}

ResultPage eval_result_page(Database& db, const std::string& run_id, const ResultFilter& f) {
  ScanSpec spec{f.status, f.provider, f.baseline_run_id, f.sort};
  ResultPage page;
  if (f.keep) {
    // A predicate the store cannot evaluate: rows are scanned in order, counted as they match.
    ResultScan scan(db, run_id, spec);
    std::int64_t matched = 0;
    while (auto r = scan.next_kept(f.keep, page.scanned, f.scan_limit)) {
      if (matched++ < f.offset) continue;
      if (static_cast<std::int64_t>(page.rows.size()) == f.limit) {
        page.more = true;
        return page;
      }
      page.rows.push_back(std::move(*r));
    }
    page.scan_exhausted = scan.stopped_short();
    return page;
  }
  // The store skips and stops: one more row than the page says whether a next one exists.
  int next = 0;
  std::string sql = filtered_select(spec, next);
  sql += order_by(order_of(f.sort), false, false) + " LIMIT ?" + std::to_string(next) + " OFFSET ?" + std::to_string(next + 1);
  auto q = db.prepare(sql);
  bind_filter(q, run_id, spec);
  q.bind(next, f.limit + 1).bind(next + 1, f.offset);
  while (q.step()) {
    ++page.scanned;
    if (static_cast<std::int64_t>(page.rows.size()) == f.limit) {
      page.more = true;
      break;
    }
    page.rows.push_back(read_eval_result(q));
  }
  return page;
}

std::vector<CaseResult> eval_case_results(Database& db, const std::string& run_id, const std::string& case_key) {
  auto q = db.prepare("SELECT " + std::string(eval_result_columns()) + " FROM eval_results r WHERE r.eval_run_id IN (" + run_ids(1) +
                      ") AND r.case_key = ?2 ORDER BY r.provider, r.repeat");
  q.bind(1, run_id).bind(2, case_key);
  std::vector<CaseResult> out;
  while (q.step()) out.push_back(read_eval_result(q));
  return out;
}

std::vector<EvalRunRecord> eval_run_page(Database& db, const std::string& suite, std::int64_t limit, std::int64_t offset) {
  auto q = db.prepare("SELECT " + std::string(eval_run_columns()) +
                      " FROM eval_runs WHERE (?1 = '' OR suite = ?1) ORDER BY started_at DESC, id LIMIT ?2 OFFSET ?3");
  q.bind(1, suite).bind(2, limit).bind(3, offset);
  std::vector<EvalRunRecord> out;
  while (q.step()) out.push_back(read_eval_run(q));
  return out;
}

}  // namespace genops::eval
