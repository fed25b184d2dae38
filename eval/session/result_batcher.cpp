#include "eval/session/result_batcher.hpp"

namespace genops::eval::session {

ResultBatcher::ResultBatcher(ResultStore& store, std::string run_id, Committed on_committed, std::size_t batch)
    : m_store(store), m_run_id(std::move(run_id)), m_on_committed(std::move(on_committed)), m_batch(batch ? batch : 1) {
  m_pending.reserve(m_batch);
}

void ResultBatcher::add(CaseResult result) {
  m_pending.push_back(std::move(result));
  if (m_pending.size() >= m_batch) send();
}

void ResultBatcher::send() {
  if (!m_pending.empty()) {
    auto results = std::make_shared<const std::vector<CaseResult>>(std::move(m_pending));
    m_pending = {};
    m_pending.reserve(m_batch);
    auto ticket = m_store.submit_results(m_run_id, results);
    m_sent.push_back({ticket, std::move(results)});
  }
  // A batch committed at once (ticket 0) is passed on at once; else the newest waits.
  settle(!m_sent.empty() && m_sent.back().ticket != 0 ? 1 : 0);
}

void ResultBatcher::flush() {
  send();
  settle(0);
}

void ResultBatcher::settle(std::size_t keep) {
  while (m_sent.size() > keep) {
    Sent& oldest = m_sent.front();
    if (oldest.ticket != 0) m_store.wait_results(oldest.ticket);
    m_committed += static_cast<std::int64_t>(oldest.results->size());
    if (m_on_committed)
      for (const CaseResult& r : *oldest.results) m_on_committed(r);
    m_sent.pop_front();
  }
}

}  // namespace genops::eval::session
