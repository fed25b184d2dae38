#include "providers/batch/coordinator.hpp"

#include "providers/batch/coordinator_state.hpp"

#include <set>

#include "core/random_id.hpp"
#include "core/strings.hpp"
#include "core/time.hpp"

namespace genops::providers::batch {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto k_tick = std::chrono::milliseconds(50);

core::llm::Failure batch_failure(const std::string& message) {
  core::llm::Failure f;
  f.kind = core::llm::FailureKind::server;
  f.message = message;
  return f;
}

}  // namespace

BatchCoordinator::BatchCoordinator(providers::batch::BatchStore& store, CoordinatorOptions options)
    : m_store(store), m_options(std::move(options)) {}

BatchCoordinator::~BatchCoordinator() { stop(Parked::drop); }

void BatchCoordinator::add_lane(LaneSpec spec) {
  auto lane = std::make_unique<Lane>();
  for (auto& record : m_store.open_jobs(spec.provider))
    lane->jobs.push_back(OpenJob{std::move(record), Clock::now(), m_options.poll_first, 0, 0, false});
  lane->spec = std::move(spec);
  std::lock_guard lock(m_mutex);
  m_new_lanes.push_back(std::move(lane));
}

void BatchCoordinator::start() {
  m_last_activity = Clock::now();
  m_timer = std::make_unique<core::concurrency::TimerQueue>([this](const std::string& what) {
    set_fatal("internal error in the batch coordinator (a bug; please report it): " + what);
  });
  m_timer->call_after(std::chrono::milliseconds(0), [this] { tick(); });
}

void BatchCoordinator::submit(const std::string& provider, core::llm::Request request, std::string hash,
                              core::llm::Completion done) {
  std::lock_guard lock(m_mutex);
  m_incoming.push_back(Incoming{provider, std::move(request), std::move(hash), std::move(done)});
}

std::optional<std::string> BatchCoordinator::fatal() const {
  std::lock_guard lock(m_mutex);
  return m_fatal;
}

BatchSummary BatchCoordinator::summary() const {
  std::lock_guard lock(m_mutex);
  return m_summary;
}

void BatchCoordinator::note(const std::string& line) const {
  if (m_options.on_note) m_options.on_note(line);
}

void BatchCoordinator::set_fatal(const std::string& message) {
  std::lock_guard lock(m_mutex);
  if (!m_fatal) m_fatal = message;
}

void BatchCoordinator::stop(Parked parked_calls) {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopped) return;
    m_stopped = true;
  }
  if (m_timer) m_timer->shut_down();  // waits for a tick in progress
  std::vector<Incoming> incoming;
  {
    std::lock_guard lock(m_mutex);
    incoming.swap(m_incoming);
  }
  if (parked_calls == Parked::fail) {
    const auto stopped = batch_failure("the batch was not waited for (the eval stopped)");
    for (auto& call : incoming) call.done(stopped);
    for (auto& [_, lane] : m_lanes)
      for (auto& [hash, parked] : lane->parked)
        for (auto& waiter : parked.waiters) waiter(stopped);
  }
  m_lanes.clear();
}

void BatchCoordinator::tick() {
  try {
    tick_once();
  } catch (const std::exception& e) {
    set_fatal(e.what());  // the store went away, most likely: what is recorded stays resumable
  }
  std::lock_guard lock(m_mutex);
  if (!m_stopped) m_timer->call_after(k_tick, [this] { tick(); });
}

void BatchCoordinator::tick_once() {
  std::vector<Incoming> incoming;
  {
    std::lock_guard lock(m_mutex);
    if (m_stopped) return;
    incoming.swap(m_incoming);
    for (auto& lane : m_new_lanes) m_lanes[lane->spec.provider] = std::move(lane);
    m_new_lanes.clear();
  }
  const auto now = Clock::now();
  if (!incoming.empty()) m_last_activity = now;
  for (auto& call : incoming) {
    auto it = m_lanes.find(call.provider);
    if (it == m_lanes.end()) {
      call.done(batch_failure("provider " + call.provider + " has no batch lane (a bug; please report it)"));
      continue;
    }
    handle_call(*it->second, std::move(call.request), call.hash, std::move(call.done));
  }
  const bool quiet = now - m_last_activity >= m_options.quiet;
  bool queued = false, unpolled = false, parked = false;
  for (auto& [_, lane] : m_lanes) {
    if (!fatal() && quiet) flush(*lane);
    for (auto& job : lane->jobs)
      if (!fatal() && !m_detached && Clock::now() >= job.next_poll) poll(*lane, job);
    std::erase_if(lane->jobs, [](const OpenJob& j) { return batch_job_ended(j.record.status); });
    for (const auto& [hash, p] : lane->parked) {
      parked = true;
      queued = queued || p.queued;
    }
    for (const auto& job : lane->jobs) unpolled = unpolled || !job.polled;
  }
  if (m_options.no_wait && quiet && parked && !queued && !unpolled) m_detached = true;
}

void BatchCoordinator::handle_call(Lane& lane, core::llm::Request request, const std::string& hash,
                                   core::llm::Completion done) {
  auto& parked = lane.parked[hash];
  parked.waiters.push_back(std::move(done));
  if (parked.waiters.size() > 1) return;  // the same request is already parked
  parked.request = std::move(request);
  if (auto stored = m_store.result(hash)) return answer(lane, hash, *stored);
  if (!m_store.in_open_job(hash)) decide(lane, hash);
}

void BatchCoordinator::decide(Lane& lane, const std::string& hash) {
  auto [failures, last_error] = m_store.failures(hash);
  if (failures < m_options.max_attempts) {
    lane.parked[hash].queued = true;
    return;
  }
  {
    std::lock_guard lock(m_mutex);
    ++m_summary.failed;
  }
  fail_waiters(lane, hash,
               "the request failed in " + std::to_string(failures) + " batches of provider " + lane.spec.provider +
                   (last_error.empty() ? "" : "; the last said: " + last_error));
}

void BatchCoordinator::fail_waiters(Lane& lane, const std::string& hash, const std::string& message) {
  auto node = lane.parked.extract(hash);
  if (node.empty()) return;
  for (auto& waiter : node.mapped().waiters) waiter(batch_failure(message));
}

void BatchCoordinator::answer(Lane& lane, const std::string& hash, const std::string& response_json) {
  auto node = lane.parked.extract(hash);
  if (node.empty()) return;
  auto outcome = lane.spec.wire->parse_chat(response_json);
  if (auto* response = std::get_if<core::llm::Response>(&outcome)) {
    const auto& model = node.mapped().request.model;
    if (auto price = lane.spec.prices.find(model, lane.spec.builtin)) {
      const double live = pricing::PriceTable::cost(*price, response->usage);
      response->cost_usd = live * pricing::k_batch_price_factor;
      std::lock_guard lock(m_mutex);
      m_summary.cost_usd += response->cost_usd * static_cast<double>(node.mapped().waiters.size());
      m_summary.saved_usd += (live - response->cost_usd) * static_cast<double>(node.mapped().waiters.size());
    }
    if (response->model.empty()) response->model = model;
  }
  {
    std::lock_guard lock(m_mutex);
    m_summary.answered += static_cast<std::int64_t>(node.mapped().waiters.size());
  }
  for (auto& waiter : node.mapped().waiters) waiter(outcome);
}

void BatchCoordinator::flush(Lane& lane) {
  std::vector<BatchLine> lines;
  for (auto& [hash, parked] : lane.parked) {
    if (!parked.queued) continue;
    lines.push_back(BatchLine{hash, lane.spec.wire->chat_call(parked.request, common::Streaming::no).body});
  }
  if (lines.empty()) return;
  for (auto& chunk : split_batches(std::move(lines), m_options.max_requests, m_options.max_bytes)) {
    auto created = lane.spec.api->create(chunk);
    if (!created) {
      set_fatal("provider " + lane.spec.provider + ": could not submit a batch of " + std::to_string(chunk.size()) +
                " requests: " + created.error());
      return;
    }
    providers::batch::BatchJobRecord job;
    job.id = core::random_id();
    job.provider = lane.spec.provider;
    job.kind = lane.spec.kind;
    job.remote_id = created->remote_id;
    job.input_file_id = created->input_file_id;
    job.status = created->state.status;
    job.request_count = static_cast<std::int64_t>(chunk.size());
    job.eval_run_id = m_options.eval_run_id;
    job.created_at = job.updated_at = core::now_timestamp();
    std::vector<std::pair<std::string, std::string>> requests;
    for (const auto& line : chunk) requests.emplace_back(line.custom_id, line.custom_id);
    m_store.add_job(job, requests);
    for (const auto& line : chunk) lane.parked[line.custom_id].queued = false;
    {
      std::lock_guard lock(m_mutex);
      ++m_summary.jobs;
      m_summary.submitted += job.request_count;
    }
    note("batch " + job.provider + " " + job.remote_id + ": submitted " + std::to_string(job.request_count) +
         " requests");
    lane.jobs.push_back(OpenJob{std::move(job), Clock::now() + m_options.poll_first, m_options.poll_first, 0, 0, true});
  }
}

}  // namespace genops::providers::batch
