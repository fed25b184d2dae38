#include "eval/skew/store/skew_reports.hpp"

#include "core/redact.hpp"

namespace genops::eval::skew {

using core::lineage::Database;
using core::lineage::Statement;

namespace {

SkewReportRecord read_report(const Statement& q, bool with_json) {
  SkewReportRecord r;
  r.id = q.text(0);
  r.created_at = q.text(1);
  r.reference = q.text(2);
  r.current = q.text(3);
  r.drift = q.integer(4) != 0;
  r.tested = q.integer(5);
  r.drifted = q.integer(6);
  r.git_commit = q.text(7);
  r.host = q.text(8);
  if (with_json) r.report_json = q.text(9);
  return r;
}

constexpr const char* k_columns = "id, created_at, reference, current, drift, tested, drifted, git_commit, host";

}  // namespace

void record_skew_report(Database& db, const SkewReportRecord& r) {
  db.write([&] {
    db.prepare("INSERT INTO skew_reports (id, created_at, reference, current, drift, tested, drifted, report, "
               "git_commit, host) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING")
        .bind(1, r.id).bind(2, r.created_at).bind(3, core::redact(r.reference)).bind(4, core::redact(r.current))
        .bind(5, std::int64_t{r.drift ? 1 : 0}).bind(6, r.tested).bind(7, r.drifted).bind(8, core::redact(r.report_json))
        .bind(9, r.git_commit).bind(10, r.host).run();
  });
}

std::vector<SkewReportRecord> list_skew_reports(Database& db, std::int64_t limit, std::int64_t offset) {
  auto q = db.prepare(std::string("SELECT ") + k_columns +
                      " FROM skew_reports ORDER BY created_at DESC, id LIMIT ?1 OFFSET ?2");
  q.bind(1, limit).bind(2, offset);
  std::vector<SkewReportRecord> out;
  while (q.step()) out.push_back(read_report(q, false));
  return out;
}

std::optional<SkewReportRecord> find_skew_report(Database& db, const std::string& id) {
  auto q = db.prepare(std::string("SELECT ") + k_columns + ", report FROM skew_reports WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_report(q, true);
}

}  // namespace genops::eval::skew
