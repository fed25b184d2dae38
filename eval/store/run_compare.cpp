#include "eval/store/run_compare.hpp"

#include <optional>
#include <tuple>
#include <utility>

#include "core/error.hpp"
#include "eval/store/eval_queries.hpp"
#include "eval/store/eval_result_pages.hpp"

namespace genops::eval {

namespace {

// A scan's rows grouped by case (case key + provider), expected in byte order
// of (case key, provider); `out_of_order` says they were not (the shards of a
// sharded run read in turn, or a PostgreSQL collation that is not bytewise).
class CaseReader {
 public:
  CaseReader(core::lineage::Database& db, const std::string& run_id, bool merged, bool keep_reasons)
      : m_scan(db, run_id, ScanSpec{"", "", "", "key", false, merged, 0}), m_keep_reasons(keep_reasons) {
    auto run = find_eval_run(db, run_id);
    if (run) m_default_provider = run->provider_used;
    m_pending = read();
  }

  // The next case, or nothing at the end.
  std::optional<gate::CaseSide> next() {
    if (!m_pending) return std::nullopt;
    gate::CaseSide side;
    side.add(*m_pending, m_keep_reasons);
    for (;;) {
      m_pending = read();
      if (!m_pending || m_pending->case_key != side.case_key || m_pending->provider != side.provider) break;
      side.add(*m_pending, m_keep_reasons);
    }
    if (m_pending && key(*m_pending) < key(side)) out_of_order = true;
    return side;
  }

  bool out_of_order = false;

 private:
  template <typename Row>
  static std::pair<const std::string&, const std::string&> key(const Row& r) { return {r.case_key, r.provider}; }

  std::optional<CaseResult> read() {
    auto r = m_scan.next();
    if (r && r->provider.empty()) r->provider = m_default_provider;
    return r;
  }

  ResultScan m_scan;
  bool m_keep_reasons;
  std::string m_default_provider;
  std::optional<CaseResult> m_pending;
};

// The merge; nothing when either side's rows came out of byte order.
std::optional<RunComparison> merge(core::lineage::Database& db, const std::string& baseline_id,
                                   const std::string& current_id, std::size_t keep, bool merged) {
  CaseReader before(db, baseline_id, merged, false);
  CaseReader now(db, current_id, merged, true);
  gate::StreamingCompare compare(keep);
  auto b = before.next();
  auto c = now.next();
  while (b || c) {
    if (before.out_of_order || now.out_of_order) return std::nullopt;
    if (b && c && b->case_key == c->case_key && b->provider == c->provider) {
      compare.add_pair(*b, *c);
      b = before.next();
      c = now.next();
    } else if (!c || (b && std::tie(b->case_key, b->provider) < std::tie(c->case_key, c->provider))) {
      compare.add_only_baseline();
      b = before.next();
    } else {
      compare.add_only_current();
      c = now.next();
    }
  }
  if (before.out_of_order || now.out_of_order) return std::nullopt;
  RunComparison out;
  out.comparison = compare.finish();
  for (int i = 0; i < 4; ++i) out.totals[i] = compare.total(static_cast<gate::Change>(i));
  return out;
}

}  // namespace

RunComparison compare_runs(core::lineage::Database& db, const std::string& baseline_id, const std::string& current_id,
                           std::size_t keep) {
  // Each run in its primary key's order first (an index walk, no sort); a
  // sharded run, or a PostgreSQL database whose collation is not bytewise,
  // is read again in one byte order over its shards (a sort).
  if (auto out = merge(db, baseline_id, current_id, keep, false)) return std::move(*out);
  if (auto out = merge(db, baseline_id, current_id, keep, true)) return std::move(*out);
  throw core::Error(core::ErrorKind::internal, "compare: the store returned " + current_id + "'s or " + baseline_id +
                                                   "'s results out of key order");
}

}  // namespace genops::eval
