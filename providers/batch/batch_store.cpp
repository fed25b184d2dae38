#include "providers/batch/batch_store.hpp"

#include "core/redact.hpp"
#include "core/time.hpp"

namespace genops::providers::batch {

using core::lineage::Database;
using core::lineage::Statement;
using core::now_timestamp;
using core::redact;

namespace {

constexpr const char* k_job_columns =
    "id, provider, kind, remote_id, input_file_id, status, request_count, succeeded, failed, error, eval_run_id, "
    "created_at, updated_at";

BatchJobRecord read_job(Statement& s) {
  BatchJobRecord j;
  j.id = s.text(0);
  j.provider = s.text(1);
  j.kind = s.text(2);
  j.remote_id = s.text(3);
  j.input_file_id = s.text(4);
  j.status = s.text(5);
  j.request_count = s.integer(6);
  j.succeeded = s.integer(7);
  j.failed = s.integer(8);
  j.error = s.text(9);
  j.eval_run_id = s.text(10);
  j.created_at = s.text(11);
  j.updated_at = s.text(12);
  return j;
}

void update_job_row(Database& db, const BatchJobRecord& job) {
  auto s = db.prepare("UPDATE batch_jobs SET status = ?2, succeeded = ?3, failed = ?4, error = ?5, updated_at = ?6 "
                      "WHERE id = ?1");
  s.bind(1, job.id).bind(2, job.status).bind(3, job.succeeded).bind(4, job.failed).bind(5, redact(job.error));
  s.bind(6, now_timestamp()).run();
}

}  // namespace

bool batch_job_ended(const std::string& status) {
  return status == "ended" || status == "failed" || status == "expired" || status == "cancelled";
}

BatchStore::BatchStore(const std::string& location) : m_db(location, Database::Create::no) {}

std::optional<std::string> BatchStore::result(const std::string& hash) {
  std::lock_guard lock(m_mutex);
  auto s = m_db.prepare("SELECT response FROM batch_results WHERE request_hash = ?1");
  s.bind(1, hash);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

bool BatchStore::in_open_job(const std::string& hash) {
  std::lock_guard lock(m_mutex);
  auto s = m_db.prepare(
      "SELECT COUNT(*) FROM batch_requests r JOIN batch_jobs j ON j.id = r.job_id "
      "WHERE r.request_hash = ?1 AND r.status = 'pending' AND j.status NOT IN ('ended', 'failed', 'expired', 'cancelled')");
  s.bind(1, hash);
  return s.step() && s.integer(0) > 0;
}

std::pair<std::int64_t, std::string> BatchStore::failures(const std::string& hash) {
  std::lock_guard lock(m_mutex);
  auto s = m_db.prepare(
      "SELECT r.error FROM batch_requests r JOIN batch_jobs j ON j.id = r.job_id "
      "WHERE r.request_hash = ?1 AND r.status NOT IN ('pending', 'succeeded') ORDER BY j.created_at, j.id");
  s.bind(1, hash);
  std::pair<std::int64_t, std::string> out{0, ""};
  while (s.step()) {
    ++out.first;
    out.second = s.text(0);
  }
  return out;
}

void BatchStore::add_job(const BatchJobRecord& job, const std::vector<std::pair<std::string, std::string>>& requests) {
  std::lock_guard lock(m_mutex);
  m_db.write([&] {
    auto s = m_db.prepare(std::string("INSERT INTO batch_jobs(") + k_job_columns +
                          ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT DO NOTHING");
    s.bind(1, job.id).bind(2, job.provider).bind(3, job.kind).bind(4, job.remote_id).bind(5, job.input_file_id);
    s.bind(6, job.status).bind(7, job.request_count).bind(8, job.succeeded).bind(9, job.failed);
    s.bind(10, redact(job.error)).bind(11, job.eval_run_id).bind(12, job.created_at).bind(13, job.updated_at).run();
    auto r = m_db.prepare(
        "INSERT INTO batch_requests(job_id, custom_id, request_hash, status, error) VALUES(?1, ?2, ?3, 'pending', '') "
        "ON CONFLICT DO NOTHING");
    for (const auto& [custom_id, hash] : requests) {
      r.bind(1, job.id).bind(2, custom_id).bind(3, hash).run();
      r.reset();
    }
  });
}

void BatchStore::update_job(const BatchJobRecord& job) {
  std::lock_guard lock(m_mutex);
  m_db.write([&] { update_job_row(m_db, job); });
}

std::vector<BatchJobRecord> BatchStore::open_jobs(const std::string& provider) {
  std::lock_guard lock(m_mutex);
  auto s = m_db.prepare(std::string("SELECT ") + k_job_columns +
                        " FROM batch_jobs WHERE provider = ?1 AND status NOT IN ('ended', 'failed', 'expired', "
                        "'cancelled') ORDER BY created_at, id");
  s.bind(1, provider);
  std::vector<BatchJobRecord> out;
  while (s.step()) out.push_back(read_job(s));
  return out;
}

std::map<std::string, std::string> BatchStore::requests(const std::string& job_id) {
  std::lock_guard lock(m_mutex);
  auto s = m_db.prepare("SELECT custom_id, request_hash FROM batch_requests WHERE job_id = ?1");
  s.bind(1, job_id);
  std::map<std::string, std::string> out;
  while (s.step()) out.emplace(s.text(0), s.text(1));
  return out;
}

void BatchStore::finish_job(const BatchJobRecord& job, const std::vector<BatchRequestEnd>& ends,
                            const std::string& rest_status, const std::string& rest_error) {
  std::lock_guard lock(m_mutex);
  const auto now = now_timestamp();
  m_db.write([&] {
    auto hash_of = m_db.prepare("SELECT request_hash FROM batch_requests WHERE job_id = ?1 AND custom_id = ?2");
    auto put = m_db.prepare(
        "INSERT INTO batch_results(request_hash, provider, job_id, response, created_at) VALUES(?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT DO NOTHING");
    auto mark = m_db.prepare(
        "UPDATE batch_requests SET status = ?3, error = ?4 WHERE job_id = ?1 AND custom_id = ?2 AND status = 'pending'");
    for (const auto& end : ends) {
      hash_of.bind(1, job.id).bind(2, end.custom_id);
      const bool known = hash_of.step();
      const std::string hash = known ? hash_of.text(0) : "";
      hash_of.reset();
      if (!known) continue;
      if (end.succeeded) {
        put.bind(1, hash).bind(2, job.provider).bind(3, job.id).bind(4, redact(end.response)).bind(5, now).run();
        put.reset();
      }
      mark.bind(1, job.id).bind(2, end.custom_id).bind(3, end.succeeded ? std::string("succeeded") : end.status);
      mark.bind(4, redact(end.error)).run();
      mark.reset();
    }
    auto rest = m_db.prepare("UPDATE batch_requests SET status = ?2, error = ?3 WHERE job_id = ?1 AND status = 'pending'");
    rest.bind(1, job.id).bind(2, rest_status).bind(3, redact(rest_error)).run();
    update_job_row(m_db, job);
  });
}

bool BatchStore::run_has_jobs(const std::string& run_id) {
  std::lock_guard lock(m_mutex);
  auto s = m_db.prepare("SELECT COUNT(*) FROM batch_jobs WHERE eval_run_id = ?1");
  s.bind(1, run_id);
  return s.step() && s.integer(0) > 0;
}

std::int64_t BatchStore::result_count() {
  std::lock_guard lock(m_mutex);
  auto s = m_db.prepare("SELECT COUNT(*) FROM batch_results");
  return s.step() ? s.integer(0) : 0;
}

}  // namespace genops::providers::batch
