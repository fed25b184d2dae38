#include "eval/store/eval_result_pages.hpp"

#include <string_view>

#include "core/error.hpp"
#include "eval/store/eval_queries.hpp"

namespace genops::eval {

using core::lineage::Database;
using core::lineage::Statement;

namespace {

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

std::string order_by(const std::string& sort) {
  std::string_view key = sort;
  bool descending = !key.empty() && key.front() == '-';
  if (descending) key.remove_prefix(1);
  std::string column;
  if (key == "key") return " ORDER BY r.eval_run_id, r.case_key, r.provider, r.repeat";
  if (key == "score") column = "r.score";
  else if (key == "latency") column = "r.latency_ms";
  else if (key == "cost") column = "r.cost_usd";
  else core::fail_input("sort: unknown order \"" + sort + "\"", {"one of: key, score, latency, cost (a leading - for descending)"});
  return " ORDER BY " + column + (descending ? " DESC" : "") + ", r.case_key, r.provider, r.repeat";
}

}  // namespace

ResultPage eval_result_page(Database& db, const std::string& run_id, const ResultFilter& f) {
  bool changed = f.status == "changed";
  if (changed && f.baseline_run_id.empty())
    core::fail_input("status: \"changed\" needs a baseline run", {"pick a baseline run to compare with"});
  // Parameters are numbered in order of use (PostgreSQL wants no gaps):
  // ?1 run, ?2 provider, then the baseline, then LIMIT and OFFSET.
  int next = 3;
  std::string sql = "SELECT " + std::string(eval_result_columns()) + " FROM eval_results r WHERE r.eval_run_id IN (" + run_ids(1) +
                    ")" + status_terms(f.status, changed ? next++ : 0) + " AND (?2 = '' OR r.provider = ?2)" +
                    order_by(f.sort);
  // Without a row predicate the store skips and stops; with one, rows are
  // counted here as they match.
  int limit_at = next;
  if (!f.keep) sql += " LIMIT ?" + std::to_string(limit_at) + " OFFSET ?" + std::to_string(limit_at + 1);
  auto q = db.prepare(sql);
  q.bind(1, run_id).bind(2, f.provider);
  if (changed) q.bind(3, f.baseline_run_id);
  if (!f.keep) q.bind(limit_at, f.limit + 1).bind(limit_at + 1, f.offset);
  ResultPage page;
  std::int64_t matched = 0;
  while (q.step()) {
    ++page.scanned;
    auto r = read_eval_result(q);
    if (f.keep) {
      if (page.scanned > f.scan_limit) {
        page.scan_exhausted = true;
        break;
      }
      if (!f.keep(r) || matched++ < f.offset) continue;
    }
    if (static_cast<std::int64_t>(page.rows.size()) == f.limit) {
      page.more = true;
      break;
    }
    page.rows.push_back(std::move(r));
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

void for_each_eval_result(Database& db, const std::string& run_id, const std::function<void(CaseResult)>& visit) {
  auto q = db.prepare("SELECT " + std::string(eval_result_columns()) + " FROM eval_results r WHERE r.eval_run_id IN (" + run_ids(1) +
                      ") ORDER BY r.eval_run_id, r.case_key, r.provider, r.repeat");
  q.bind(1, run_id);
  while (q.step()) visit(read_eval_result(q));
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
