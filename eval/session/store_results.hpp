#pragma once
// ResultStore over the eval store (eval/store/eval_store.hpp).
#include "eval/session/result_store.hpp"
#include "eval/store/eval_store.hpp"

namespace genops::eval::session {

class StoreResults final : public ResultStore {
 public:
  // `store` must outlive this.
  explicit StoreResults(EvalStore& store) : m_store(store) {}
  void write_results(const std::string& run_id, std::span<const CaseResult> results) override;
  void for_each_result(const std::string& run_id, const std::function<void(CaseResult)>& visit) override;

 private:
  EvalStore& m_store;
};

}  // namespace genops::eval::session
