#include "eval/session/store_results.hpp"

namespace genops::eval::session {

void StoreResults::write_results(const std::string& run_id, std::span<const CaseResult> results) {
  m_store.write_results(run_id, results);
}

void StoreResults::for_each_result(const std::string& run_id, const std::function<void(CaseResult)>& visit) {
  m_store.for_each_result(run_id, visit);
}

}  // namespace genops::eval::session
