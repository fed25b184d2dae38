#include "chains/run/run_context.hpp"

namespace genops::chains::run {

StepOutcome StepOutcome::success(nlohmann::json output) {
  StepOutcome o;
  o.output = std::move(output);
  return o;
}

StepOutcome StepOutcome::skip() {
  StepOutcome o;
  o.state = State::skipped;
  return o;
}

StepOutcome StepOutcome::failure(core::ErrorKind kind, std::string error) {
  StepOutcome o;
  o.state = State::failed;
  o.kind = kind;
  o.error = std::move(error);
  return o;
}

RunContext::RunContext(std::string id, std::shared_ptr<const ChainSet> chains, const Services& services,
                       std::shared_ptr<Executor> executor, const Limits& limits)
    : m_id(std::move(id)), m_chains(std::move(chains)), m_services(services), m_executor(std::move(executor)),
      m_budget(limits) {}

void RunContext::record(chains::StepRecord record) {
  if (!m_services.sink) return;
  record.run_id = m_id;
  m_services.sink->record_step(std::move(record));
}

void RunContext::stop(RunStatus status, std::string message) {
  std::lock_guard lock(m_mutex);
  if (!m_stop) m_stop.emplace(status, std::move(message));
}

std::optional<std::pair<RunStatus, std::string>> RunContext::stop_reason() const {
  std::lock_guard lock(m_mutex);
  return m_stop;
}

StepOutcome RunContext::stopped_outcome() const {
  auto reason = stop_reason();
  auto kind = reason && reason->first == RunStatus::interrupted ? core::ErrorKind::interrupted : core::ErrorKind::check_failed;
  auto outcome = StepOutcome::failure(kind, reason ? reason->second : "run stopped");
  outcome.located = true;
  return outcome;
}

void RunContext::post(std::function<void()> task) { m_executor->post(std::move(task)); }

void RunContext::warn(const std::string& message) const {
  if (m_services.warn) m_services.warn(message);
}

}  // namespace genops::chains::run
