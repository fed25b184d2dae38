#include "eval/session/store_results.hpp"

#include <vector>

#include "eval/run/records.hpp"

namespace genops::eval::session {

void StoreResults::write_results(const std::string& run_id, std::span<const CaseResult> results) {
  std::vector<core::lineage::EvalResultRecord> records;
  records.reserve(results.size());
  for (const CaseResult& r : results) records.push_back(to_record(r, run_id));
  m_store.write_results(records);
}

void StoreResults::for_each_result(const std::string& run_id, const std::function<void(CaseResult)>& visit) {
  m_store.for_each_result(run_id, [&visit](core::lineage::EvalResultRecord r) { visit(from_record(std::move(r))); });
}

}  // namespace genops::eval::session
