#pragma once
// What an eval session reads and writes of the results store: the one narrow
// interface between eval/session and the store (store_results.hpp adapts
// core's EvalStore to it), so the store's home can move without the session.
#include <functional>
#include <span>
#include <string>

#include "eval/result.hpp"

namespace genops::eval::session {

class ResultStore {
 public:
  virtual ~ResultStore() = default;
  // Commits `results` of eval run `run_id` in one transaction; a key already
  // there is kept as it is (exactly once). Throws Error(storage).
  virtual void write_results(const std::string& run_id, std::span<const CaseResult> results) = 0;
  // Every result of `run_id` (a sharded run's whole: its shards'), ordered by
  // case_index, provider, repeat: a case's repeats come together. Throws Error(storage).
  virtual void for_each_result(const std::string& run_id, const std::function<void(CaseResult)>& visit) = 0;
};

}  // namespace genops::eval::session
