#pragma once
// The OTLP/HTTP JSON span exporter (docs/telemetry.md): a bounded queue that a
// one-thread worker drains in batches, each POSTed to …/v1/traces. Retried on
// 429, 502, 503 and 504 (honouring Retry-After), never on 400 or other
// statuses; a full queue drops spans and counts them. Nothing here ever
// blocks or fails the caller; shutdown() flushes within a deadline.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/concurrency/thread_pool.hpp"
#include "core/telemetry/otlp_json.hpp"
#include "core/telemetry/span_exporter.hpp"
#include "providers/http/client.hpp"

namespace genops::providers::otlp {

struct ExporterOptions {
  std::string url;                                          // the traces URL (…/v1/traces)
  std::vector<std::pair<std::string, std::string>> headers; // secrets: sent, never logged
  core::telemetry::Resource resource;
  std::chrono::milliseconds timeout{10'000};   // one POST
  std::size_t max_queue = 4096;                // spans waiting; more are dropped
  std::size_t max_batch = 512;                 // spans per request
  std::chrono::milliseconds linger{200};       // how long a small batch waits for company
  int max_attempts = 5;                        // per batch, retries included
  std::chrono::milliseconds backoff{200};      // first retry wait without Retry-After, doubled per retry
  std::chrono::milliseconds max_wait{5'000};   // longest retry wait (a longer Retry-After gives up)
};

// What happened to the spans handed over.
struct ExportStats {
  std::uint64_t spans = 0;         // handed to export_span
  std::uint64_t exported = 0;      // accepted by the receiver
  std::uint64_t dropped_full = 0;  // the queue was full
  std::uint64_t failed = 0;        // their request failed for good (status, transport, deadline)
  std::uint64_t rejected = 0;      // refused in a partial_success reply
  std::uint64_t requests = 0;      // POSTs made, retries included
  std::uint64_t retries = 0;
  std::string last_error;          // the last failure, redacted ("" none)
  std::uint64_t lost() const { return dropped_full + failed + rejected; }
};

class OtlpExporter final : public core::telemetry::SpanExporter {
 public:
  // Sends through `client` (its own retries are turned off: this class retries).
  OtlpExporter(ExporterOptions options, std::shared_ptr<http::Client> client);
  // shutdown() with a short deadline. Never throws.
  ~OtlpExporter() override;
  OtlpExporter(const OtlpExporter&) = delete;
  OtlpExporter& operator=(const OtlpExporter&) = delete;

  void export_span(nlohmann::json span) noexcept override;
  // Sends what is queued, waiting at most `deadline`; what is left then is
  // counted as failed. Later spans are dropped. Idempotent; returns the totals.
  ExportStats shutdown(std::chrono::milliseconds deadline);
  ExportStats stats() const;

 private:
  using Clock = std::chrono::steady_clock;
  void schedule_locked();
  void drain();
  void send(std::vector<nlohmann::json> batch);
  http::HttpResponse post(const std::string& body, std::chrono::milliseconds timeout);
  bool wait_before_retry(std::chrono::milliseconds delay);  // false: the deadline came first
  void fail(std::size_t spans, std::string why);

  ExporterOptions m_options;
  std::shared_ptr<http::Client> m_client;
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;  // queue, stop, idle
  std::deque<nlohmann::json> m_queue;
  bool m_scheduled = false;           // a drain task is queued or running
  bool m_stopping = false;            // no more spans; flush before m_deadline
  Clock::time_point m_deadline = Clock::time_point::max();
  ExportStats m_stats;
  core::concurrency::ThreadPool m_worker;  // last: its task uses the state above
};

}  // namespace genops::providers::otlp
