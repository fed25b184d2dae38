#pragma once
// An eval run's results on their way to the store: committed in batches, and
// only then passed on (to .jsonl reports), so a reported result is on disk and
// a killed run loses at most one batch.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "eval/session/result_store.hpp"

namespace genops::eval::session {

inline constexpr std::size_t k_batch_results = 512;

class ResultBatcher {
 public:
  // Called with each result once it is committed, in the order added.
  using Committed = std::function<void(const CaseResult&)>;
  // `store` must outlive this.
  ResultBatcher(ResultStore& store, std::string run_id, Committed on_committed = {},
                std::size_t batch = k_batch_results);
  // Queues `result`; commits the batch once it is full. Throws Error(storage).
  void add(CaseResult result);
  // Commits what is queued (nothing when empty). Throws Error(storage).
  void flush();
  // Results committed so far.
  std::int64_t committed() const { return m_committed; }

 private:
  ResultStore& m_store;
  std::string m_run_id;
  Committed m_on_committed;
  std::size_t m_batch;
  std::vector<CaseResult> m_pending;
  std::int64_t m_committed = 0;
};

}  // namespace genops::eval::session
