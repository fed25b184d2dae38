#pragma once
// An eval run's results on their way to the store: committed in batches, and
// only then passed on (to .jsonl reports), so a reported result is on disk and
// a killed run loses at most the two batches last handed over. One batch is
// committed while the next fills (the store's writer commits it on its own
// thread), so the session waits for a commit only at flush().
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
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
  // Queues `result`; hands the batch over once it is full (send). Throws Error(storage).
  void add(CaseResult result);
  // Hands what is queued over to the store (nothing when empty), then waits
  // for every batch handed over before it and passes those on. Throws Error(storage).
  void send();
  // Hands over what is queued and waits until every batch is committed and
  // passed on. Throws Error(storage).
  void flush();
  // Results committed (and passed on) so far.
  std::int64_t committed() const { return m_committed; }

 private:
  struct Sent {
    std::uint64_t ticket;
    std::shared_ptr<const std::vector<CaseResult>> results;
  };
  // Waits for and passes on sent batches until `keep` are left.
  void settle(std::size_t keep);

  ResultStore& m_store;
  std::string m_run_id;
  Committed m_on_committed;
  std::size_t m_batch;
  std::vector<CaseResult> m_pending;
  std::deque<Sent> m_sent;
  std::int64_t m_committed = 0;
};

}  // namespace genops::eval::session
