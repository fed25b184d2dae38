#include "providers/otlp/otlp_exporter.hpp"

#include <algorithm>
#include <future>
#include <random>

#include "core/json.hpp"
#include "core/redact.hpp"
#include "providers/http/redact_url.hpp"
#include "providers/http/retry.hpp"

namespace genops::providers::otlp {

namespace {

using std::chrono::milliseconds;

bool retryable(int status) { return status == 429 || status == 502 || status == 503 || status == 504; }

// The receiver's partial_success.rejectedSpans (an int64, so a string in JSON) and its message.
std::pair<std::uint64_t, std::string> rejected_of(const std::string& body) {
  auto parsed = core::parse_json(body);
  if (!parsed || !parsed->is_object() || !parsed->contains("partialSuccess")) return {0, ""};
  const auto& partial = (*parsed)["partialSuccess"];
  if (!partial.is_object()) return {0, ""};
  std::uint64_t n = 0;
  const auto value = partial.value("rejectedSpans", nlohmann::json());
  try {
    if (value.is_string()) n = std::stoull(value.get<std::string>());
    else if (value.is_number_unsigned() || value.is_number_integer()) n = value.get<std::uint64_t>();
  } catch (const std::logic_error&) {
  }
  return {n, partial.value("errorMessage", std::string())};
}

std::string excerpt(std::string_view body) {
  auto text = core::redact(body.substr(0, 200));
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

std::string describe(const http::HttpResponse& r) {
  switch (r.transport) {
    case http::TransportError::timeout: return "timed out";
    case http::TransportError::connect: return "cannot connect (" + r.transport_message + ")";
    case http::TransportError::too_large: return "reply too large";
    case http::TransportError::other: return r.transport_message.empty() ? "transport error" : r.transport_message;
    case http::TransportError::none: break;
  }
  return "HTTP " + std::to_string(r.status) + (r.body.empty() ? "" : ": " + excerpt(r.body));
}

}  // namespace

OtlpExporter::OtlpExporter(ExporterOptions options, std::shared_ptr<http::Client> client)
    : m_options(std::move(options)), m_client(std::move(client)), m_worker(1) {
  m_options.max_batch = std::max<std::size_t>(1, m_options.max_batch);
  m_options.max_attempts = std::max(1, m_options.max_attempts);
}

OtlpExporter::~OtlpExporter() {
  try {
    shutdown(milliseconds(2'000));
  } catch (...) {
  }
}

void OtlpExporter::export_span(nlohmann::json span) noexcept {
  try {
    std::lock_guard lock(m_mutex);
    ++m_stats.spans;
    if (m_stopping || m_queue.size() >= m_options.max_queue) {
      ++m_stats.dropped_full;
      return;
    }
    m_queue.push_back(std::move(span));
    if (m_queue.size() >= m_options.max_batch) m_changed.notify_all();
    schedule_locked();
  } catch (...) {
  }
}

void OtlpExporter::schedule_locked() {
  if (m_scheduled) return;
  m_scheduled = true;
  // Never blocks: at most one task is queued at a time and the pool's queue is unbounded.
  if (!m_worker.enqueue([this] { drain(); })) m_scheduled = false;
}

void OtlpExporter::drain() {
  for (;;) {
    std::vector<nlohmann::json> batch;
    {
      std::unique_lock lock(m_mutex);
      // A small batch lingers a moment for more spans, unless the exporter is flushing.
      m_changed.wait_for(lock, m_options.linger,
                         [this] { return m_stopping || m_queue.size() >= m_options.max_batch; });
      if (m_queue.empty()) {
        m_scheduled = false;
        m_changed.notify_all();
        return;
      }
      const auto n = std::min(m_queue.size(), m_options.max_batch);
      batch.assign(std::make_move_iterator(m_queue.begin()), std::make_move_iterator(m_queue.begin() + n));
      m_queue.erase(m_queue.begin(), m_queue.begin() + n);
    }
    send(std::move(batch));
  }
}

http::HttpResponse OtlpExporter::post(const std::string& body, milliseconds timeout) {
  http::HttpRequest request;
  request.url = m_options.url;
  request.headers.push_back({"Content-Type", "application/json"});
  for (const auto& [name, value] : m_options.headers) request.headers.push_back({name, value});
  request.body = body;
  request.timeout = timeout;
  request.connect_timeout = std::min(timeout, milliseconds(5'000));
  request.max_retries = 0;  // OTLP's own retry rules, below
  request.max_body_bytes = 1024 * 1024;
  request.label = "otlp";
  auto promise = std::make_shared<std::promise<http::HttpResponse>>();
  auto reply = promise->get_future();
  m_client->send(std::move(request), [promise](http::HttpResponse r) { promise->set_value(std::move(r)); });
  // The client enforces the timeout; the margin only guards against a lost callback.
  if (reply.wait_for(timeout + milliseconds(1'000)) != std::future_status::ready) {
    http::HttpResponse r;
    r.transport = http::TransportError::timeout;
    return r;
  }
  return reply.get();
}

void OtlpExporter::send(std::vector<nlohmann::json> batch) {
  const auto count = batch.size();
  const std::string body = core::dump_json(core::telemetry::export_request(std::move(batch), m_options.resource));
  std::mt19937_64 rng{std::random_device{}()};
  for (int attempt = 0;; ++attempt) {
    auto timeout = m_options.timeout;
    {
      std::lock_guard lock(m_mutex);
      if (m_deadline != Clock::time_point::max()) {
        const auto left = std::chrono::duration_cast<milliseconds>(m_deadline - Clock::now());
        if (left <= milliseconds(0)) return fail(count, "the flush deadline passed");
        timeout = std::min(timeout, left);
      }
      ++m_stats.requests;
    }
    const auto r = post(body, timeout);
    if (r.ok()) {
      auto [rejected, message] = rejected_of(r.body);
      rejected = std::min<std::uint64_t>(rejected, count);
      std::lock_guard lock(m_mutex);
      m_stats.exported += count - rejected;
      m_stats.rejected += rejected;
      if (rejected > 0) m_stats.last_error = "the receiver rejected " + std::to_string(rejected) + " spans" +
                                            (message.empty() ? "" : ": " + excerpt(message));
      return;
    }
    if (r.transport != http::TransportError::none || !retryable(r.status) || attempt + 1 >= m_options.max_attempts)
      return fail(count, describe(r) + (attempt > 0 ? " after " + std::to_string(attempt + 1) + " attempts" : ""));
    auto wait = http::parse_retry_after(r, std::chrono::system_clock::now());
    if (wait && *wait > m_options.max_wait)
      return fail(count, describe(r) + " asking to retry after " + std::to_string(wait->count() / 1000) + " s");
    if (!wait) {
      const double jitter = std::uniform_real_distribution<double>(0.5, 1.0)(rng);
      wait = std::min(m_options.max_wait,
                      milliseconds(static_cast<long long>(m_options.backoff.count() * jitter * (1 << std::min(attempt, 10)))));
    }
    if (!wait_before_retry(*wait)) return fail(count, describe(r) + ", and the flush deadline passed before a retry");
    std::lock_guard lock(m_mutex);
    ++m_stats.retries;
  }
}

bool OtlpExporter::wait_before_retry(milliseconds delay) {
  std::unique_lock lock(m_mutex);
  const auto until = Clock::now() + delay;
  if (until > m_deadline) return false;
  m_changed.wait_until(lock, until, [this] { return Clock::now() >= m_deadline; });
  return Clock::now() < m_deadline;
}

void OtlpExporter::fail(std::size_t spans, std::string why) {
  std::lock_guard lock(m_mutex);
  m_stats.failed += spans;
  m_stats.last_error = http::redact_url(m_options.url) + ": " + why;
}

ExportStats OtlpExporter::shutdown(milliseconds deadline) {
  {
    std::unique_lock lock(m_mutex);
    if (!m_stopping) {
      m_stopping = true;
      m_deadline = Clock::now() + deadline;
      m_changed.notify_all();
      if (!m_queue.empty()) schedule_locked();
      m_changed.wait_until(lock, m_deadline, [this] { return !m_scheduled && m_queue.empty(); });
      if (!m_queue.empty()) {
        m_stats.failed += m_queue.size();
        m_stats.last_error = http::redact_url(m_options.url) + ": the flush deadline passed with spans unsent";
        m_queue.clear();
      }
      m_deadline = Clock::now();  // a retry wait or a new attempt now gives up
      m_changed.notify_all();
    }
  }
  m_worker.shut_down(core::concurrency::ThreadPool::Shutdown::drain);
  return stats();
}

ExportStats OtlpExporter::stats() const {
  std::lock_guard lock(m_mutex);
  return m_stats;
}

}  // namespace genops::providers::otlp
