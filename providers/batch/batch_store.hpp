#pragma once
// Provider batch jobs in the lineage store (migration 9): the batches genops
// submitted, which request (by content hash) each custom_id carries, how each
// request ended, and each request's answer once, by hash. Its own connection,
// guarded by a mutex: callers may use it from any thread.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/lineage/sqlite.hpp"

namespace genops::providers::batch {

struct BatchJobRecord {
  std::string id;             // genops's own id for the job
  std::string provider;       // the genops.yaml provider name
  std::string kind;           // openai, anthropic
  std::string remote_id;      // the provider's batch id
  std::string input_file_id;  // OpenAI: the uploaded JSONL file
  std::string status;         // the provider's status, or genops's final word (ended, expired, failed, cancelled)
  std::int64_t request_count = 0;
  std::int64_t succeeded = 0;
  std::int64_t failed = 0;
  std::string error;
  std::string eval_run_id;
  std::string created_at;
  std::string updated_at;
};

// How one request of a job ended, as the result file said.
struct BatchRequestEnd {
  std::string custom_id;
  bool succeeded = false;
  std::string response;  // succeeded: the provider's reply body as JSON text
  std::string status;    // failed: errored, expired, canceled, missing
  std::string error;     // failed: the provider's message
};

class BatchStore {
 public:
  // Opens a connection to the (already migrated) store at `location`.
  explicit BatchStore(const std::string& location);

  // The stored answer to the request with content hash `hash`, or nullopt.
  std::optional<std::string> result(const std::string& hash);
  // True when the request is in a job that has not ended.
  bool in_open_job(const std::string& hash);
  // How many ended jobs carried the request without answering it, and the
  // last error they gave ("" when none).
  std::pair<std::int64_t, std::string> failures(const std::string& hash);

  // Records a submitted job and its (custom_id, hash) pairs in one transaction.
  void add_job(const BatchJobRecord& job, const std::vector<std::pair<std::string, std::string>>& requests);
  // Updates a job's status, counts and error.
  void update_job(const BatchJobRecord& job);
  // The jobs of `provider` that have not ended (status other than ended,
  // failed, expired, cancelled), oldest first.
  std::vector<BatchJobRecord> open_jobs(const std::string& provider);
  // custom_id -> request hash for `job_id`.
  std::map<std::string, std::string> requests(const std::string& job_id);
  // Stores the ends of a job's requests: answers go to batch_results once
  // (ON CONFLICT DO NOTHING), every request's status is set; requests still
  // pending afterwards are set to `rest_status` with `rest_error`; the job
  // gets `job.status` and its counts. One transaction.
  void finish_job(const BatchJobRecord& job, const std::vector<BatchRequestEnd>& ends, const std::string& rest_status,
                  const std::string& rest_error);
  // True when eval run `run_id` submitted batches (its --resume runs as batches too).
  bool run_has_jobs(const std::string& run_id);
  // Rows in batch_results (for tests and reports).
  std::int64_t result_count();

 private:
  std::mutex m_mutex;
  core::lineage::Database m_db;
};

// True for a job status after which nothing more happens.
bool batch_job_ended(const std::string& status);

}  // namespace genops::providers::batch
