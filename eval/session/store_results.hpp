#pragma once
// ResultStore over core's EvalStore: results converted to and from its records.
#include "core/lineage/eval_store.hpp"
#include "eval/session/result_store.hpp"

namespace genops::eval::session {

class StoreResults final : public ResultStore {
 public:
  // `store` must outlive this.
  explicit StoreResults(core::lineage::EvalStore& store) : m_store(store) {}
  void write_results(const std::string& run_id, std::span<const CaseResult> results) override;
  void for_each_result(const std::string& run_id, const std::function<void(CaseResult)>& visit) override;

 private:
  core::lineage::EvalStore& m_store;
};

}  // namespace genops::eval::session
