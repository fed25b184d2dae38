// BatchCoordinator: polling a submitted job, and taking in its results.
#include <chrono>

#include "core/strings.hpp"
#include "providers/batch/coordinator.hpp"
#include "providers/batch/coordinator_state.hpp"

namespace genops::providers::batch {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// How the requests without a result line ended, by the batch's final status.
std::pair<std::string, std::string> rest_of(const BatchState& state) {
  if (state.status == "failed")
    return {"failed", "the batch failed" + (state.error.empty() ? std::string() : ": " + state.error)};
  if (state.status == "expired") return {"expired", "the batch expired before this request ran"};
  if (state.status == "cancelled" || state.status == "canceled") return {"cancelled", "the batch was cancelled"};
  return {"missing", "the batch's results have no line for this request"};
}

std::string counts_line(const providers::batch::BatchJobRecord& job, const BatchState& state) {
  return "batch " + job.provider + " " + job.remote_id + ": " + state.status + ", " +
         std::to_string(state.succeeded + state.failed) + " of " +
         std::to_string(state.total ? state.total : job.request_count) + " done, " + std::to_string(state.failed) +
         " failed";
}

}  // namespace

void BatchCoordinator::poll(Lane& lane, OpenJob& job) {
  auto& record = job.record;
  auto state = lane.spec.api->poll(record.remote_id);
  job.polled = true;
  if (!state) {
    if (++job.failures >= m_options.max_download_failures)
      return set_fatal("batch " + record.provider + " " + record.remote_id + ": " + state.error());
    note("batch " + record.provider + " " + record.remote_id + ": " + state.error() + "; trying again");
    job.next_poll = Clock::now() + job.interval;
    return;
  }
  job.failures = 0;
  const bool changed = state->status != record.status || state->succeeded != record.succeeded ||
                       state->failed != record.failed;
  record.status = state->status;
  record.succeeded = state->succeeded;
  record.failed = state->failed;
  if (changed) {
    m_store.update_job(record);
    note(counts_line(record, *state));
  }
  if (state->ended) return finish(lane, job, *state);
  if (state->expires_at && unix_now() > *state->expires_at) {
    // Past its completion window and still not ended: give up on it.
    (void)lane.spec.api->cancel(record.remote_id);
    note("batch " + record.provider + " " + record.remote_id + ": still " + state->status +
         " past its completion window; cancelled, its requests go into a new batch");
    BatchState expired = *state;
    expired.status = "expired";
    expired.results_url.clear();
    expired.output_file_id.clear();
    expired.error_file_id.clear();
    return finish(lane, job, expired);
  }
  job.next_poll = Clock::now() + job.interval;
  job.interval = std::min<Clock::duration>(job.interval * 2, m_options.poll_max);
}

void BatchCoordinator::finish(Lane& lane, OpenJob& job, const BatchState& state) {
  auto& record = job.record;
  auto content = lane.spec.api->results(state);
  if (!content) {
    if (++job.downloads_failed >= m_options.max_download_failures)
      return set_fatal("batch " + record.provider + " " + record.remote_id + ": its results could not be downloaded: " +
                       content.error());
    note("batch " + record.provider + " " + record.remote_id + ": its results could not be downloaded: " +
         content.error() + "; trying again");
    job.next_poll = Clock::now() + job.interval;
    return;
  }
  auto parsed = parse_results(lane.spec.api->kind(), *content, m_store.requests(record.id));
  for (std::size_t i = 0; i < parsed.problems.size() && i < 5; ++i)
    note("batch " + record.provider + " " + record.remote_id + ": results " + parsed.problems[i] + " (ignored)");
  if (parsed.problems.size() > 5)
    note("batch " + record.provider + " " + record.remote_id + ": " + std::to_string(parsed.problems.size() - 5) +
         " more result lines ignored");
  record.succeeded = 0;
  record.failed = 0;
  for (const auto& end : parsed.ends) ++(end.succeeded ? record.succeeded : record.failed);
  const bool all_in = state.status == "completed" || state.status == "ended";
  record.failed = record.request_count - record.succeeded;
  record.status = all_in ? "ended" : (state.status == "canceled" ? "cancelled" : state.status);
  record.error = state.error;
  auto [rest_status, rest_error] = rest_of(state);
  m_store.finish_job(record, parsed.ends, rest_status, rest_error);
  note("batch " + record.provider + " " + record.remote_id + ": " + record.status + ", " +
       std::to_string(record.succeeded) + " answered, " + std::to_string(record.failed) + " failed");
  recheck_parked(lane);
}

void BatchCoordinator::recheck_parked(Lane& lane) {
  std::vector<std::string> hashes;
  for (const auto& [hash, parked] : lane.parked)
    if (!parked.queued) hashes.push_back(hash);
  for (const auto& hash : hashes) {
    if (auto stored = m_store.result(hash)) {
      answer(lane, hash, *stored);
    } else if (!m_store.in_open_job(hash)) {
      decide(lane, hash);
    }
  }
}

}  // namespace genops::providers::batch
