#pragma once
// What an eval session reads and writes of the results store: the one narrow
// interface between eval/session and the store (eval::EvalStore implements
// it), so the store's home can move without the session.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

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
  // Hands `results` over to be committed as write_results would, without
  // waiting for the commit where the store can (a store writer's queue).
  // Returns a ticket for wait_results; 0 means committed already (this
  // default: write_results). Throws Error(storage).
  virtual std::uint64_t submit_results(const std::string& run_id, std::shared_ptr<const std::vector<CaseResult>> results) {
    write_results(run_id, *results);
    return 0;
  }
  // Blocks until everything submitted up to `ticket` is committed. Throws
  // Error(storage) when it could not be.
  virtual void wait_results(std::uint64_t ticket) { (void)ticket; }
};

}  // namespace genops::eval::session
