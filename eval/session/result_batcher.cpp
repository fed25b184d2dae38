#include "eval/session/result_batcher.hpp"

namespace genops::eval::session {

ResultBatcher::ResultBatcher(ResultStore& store, std::string run_id, Committed on_committed, std::size_t batch)
    : m_store(store), m_run_id(std::move(run_id)), m_on_committed(std::move(on_committed)), m_batch(batch ? batch : 1) {
  m_pending.reserve(m_batch);
}

void ResultBatcher::add(CaseResult result) {
  m_pending.push_back(std::move(result));
  if (m_pending.size() >= m_batch) flush();
}

void ResultBatcher::flush() {
  if (m_pending.empty()) return;
  m_store.write_results(m_run_id, m_pending);
  m_committed += static_cast<std::int64_t>(m_pending.size());
  if (m_on_committed)
    for (const CaseResult& r : m_pending) m_on_committed(r);
  m_pending.clear();
}

}  // namespace genops::eval::session
