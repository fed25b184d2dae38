// The libcurl client: one I/O thread runs a multi loop; send() hands transfers
// to it through a locked queue and curl_multi_wakeup. Retries wait in a timer
// queue on the same thread, so no thread ever sleeps for a request.
#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "providers/http/client.hpp"
#include "providers/http/curl_handles.hpp"
#include "providers/http/debug_log.hpp"
#include "providers/http/retry.hpp"
#include "providers/http/transfer.hpp"

namespace genops::providers::http {

namespace {

using detail::Transfer;
using Clock = std::chrono::steady_clock;
using TransferPtr = std::unique_ptr<Transfer>;

constexpr int k_max_poll_ms = 1000;

std::string format_ms(Clock::duration d) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f ms", std::chrono::duration<double, std::milli>(d).count());
  return text;
}

std::string outcome_text(const HttpResponse& r) {
  switch (r.transport) {
    case TransportError::none: return std::to_string(r.status);
    case TransportError::timeout: return "timeout (" + r.transport_message + ")";
    case TransportError::connect: return "connection error (" + r.transport_message + ")";
    case TransportError::too_large: return "too large (" + r.transport_message + ")";
    case TransportError::other: return "error (" + r.transport_message + ")";
  }
  return "error";
}

// Everything the I/O thread owns. Shared with the thread so that a client
// destroyed from its own callback can detach without a dangling loop.
class Engine {
 public:
  explicit Engine(const ClientOptions& options);

  // Queues `t` for the I/O thread; returns it back when the client has stopped.
  TransferPtr submit(TransferPtr t);
  void request_stop();
  // The I/O thread's body; returns after every transfer got its `done`.
  void run() noexcept;

 private:
  void loop();
  void start_attempt(TransferPtr t);
  void read_finished();
  void on_attempt_done(CURL* easy, CURLcode code);
  void note_slow_retry(const detail::Transfer& t, const RetryDecision& decision);
  void fire_due_timers();
  int poll_timeout_ms() const;
  void recycle(detail::EasyHandle easy);
  void finish(TransferPtr t);
  void fail(TransferPtr t, TransportError error, const std::string& message);
  void abort_all();

  detail::MultiHandle m_multi;
  DebugLog m_log;
  RetryPolicy m_policy;
  std::string m_user_agent;
  RetryObserver m_on_slow_retry;
  std::chrono::milliseconds m_slow_after;
  std::mutex m_mutex;  // guards m_incoming, m_stopping, m_stopped
  std::vector<TransferPtr> m_incoming;
  bool m_stopping = false;
  bool m_stopped = false;
  std::unordered_map<CURL*, TransferPtr> m_active;
  std::multimap<Clock::time_point, TransferPtr> m_waiting;  // retries by due time
  std::vector<detail::EasyHandle> m_spare;
  std::mt19937_64 m_rng{std::random_device{}()};
};

Engine::Engine(const ClientOptions& options)
    : m_multi(curl_multi_init()),
      m_log(options.debug_log),
      m_user_agent(options.user_agent),
      m_on_slow_retry(options.on_slow_retry),
      m_slow_after(options.slow_after) {
  if (!m_multi) throw std::runtime_error("cannot create a curl multi handle");
  m_policy.backoff_scale = options.backoff_scale;
  const long connections = std::max(1, options.max_connections);
  detail::set_multi_option(m_multi.get(), CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
  detail::set_multi_option(m_multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, connections);
  detail::set_multi_option(m_multi.get(), CURLMOPT_MAXCONNECTS, connections);
}

TransferPtr Engine::submit(TransferPtr t) {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopped) return t;
    m_incoming.push_back(std::move(t));
  }
  curl_multi_wakeup(m_multi.get());
  return nullptr;
}

void Engine::request_stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  curl_multi_wakeup(m_multi.get());
}

void Engine::run() noexcept {
  try {
    loop();
  } catch (const std::exception& e) {
    m_log.write(std::string("http: the I/O loop failed: ") + e.what());
  } catch (...) {
    m_log.write("http: the I/O loop failed");
  }
  try {
    abort_all();
  } catch (...) {
    // Nothing is left to report to; the callbacks already had their chance.
  }
}

void Engine::loop() {
  std::vector<TransferPtr> incoming;
  while (true) {
    {
      std::lock_guard lock(m_mutex);
      if (m_stopping) return;
      incoming.swap(m_incoming);
    }
    for (auto& t : incoming) start_attempt(std::move(t));
    incoming.clear();
    fire_due_timers();
    int running = 0;
    if (const CURLMcode code = curl_multi_perform(m_multi.get(), &running); code != CURLM_OK) {
      throw std::runtime_error(std::string("curl_multi_perform: ") + curl_multi_strerror(code));
    }
    read_finished();
    if (const CURLMcode code = curl_multi_poll(m_multi.get(), nullptr, 0, poll_timeout_ms(), nullptr);
        code != CURLM_OK) {
      throw std::runtime_error(std::string("curl_multi_poll: ") + curl_multi_strerror(code));
    }
  }
}

void Engine::start_attempt(TransferPtr t) {
  try {
    if (m_spare.empty()) {
      t->easy = detail::make_easy();
    } else {
      t->easy = std::move(m_spare.back());
      m_spare.pop_back();
    }
    detail::configure_attempt(*t, m_user_agent);
    CURL* easy = t->easy.get();
    if (const CURLMcode code = curl_multi_add_handle(m_multi.get(), easy); code != CURLM_OK) {
      throw std::runtime_error(std::string("curl_multi_add_handle: ") + curl_multi_strerror(code));
    }
    m_active.emplace(easy, std::move(t));
  } catch (const std::exception& e) {
    if (t) fail(std::move(t), TransportError::other, e.what());
  }
}

void Engine::read_finished() {
  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(m_multi.get(), &left)) {
    if (message->msg == CURLMSG_DONE) on_attempt_done(message->easy_handle, message->data.result);
  }
}

void Engine::on_attempt_done(CURL* easy, CURLcode code) {
  auto node = m_active.extract(easy);
  if (node.empty()) return;
  TransferPtr t = std::move(node.mapped());
  curl_multi_remove_handle(m_multi.get(), easy);
  detail::finish_attempt(*t, code);
  recycle(std::move(t->easy));
  t->header_list.reset();

  RetryDecision decision;
  if (!t->streamed && t->abort == detail::AbortReason::none) {
    const double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(m_rng);
    decision = decide_retry(t->response, t->retries, t->request.max_retries, jitter,
                            std::chrono::system_clock::now(), m_policy);
  }
  if (decision.action == RetryAction::give_up) {
    finish(std::move(t));
    return;
  }
  ++t->retries;
  if (m_log.enabled()) {
    m_log.write(detail::describe_request(t->request) + " -> " + outcome_text(t->response) + ", retry " +
                std::to_string(t->retries) + " of " + std::to_string(t->request.max_retries) + " in " +
                std::to_string(decision.delay.count()) + " ms (" + decision.reason + ")");
  }
  if (t->request.on_retry) {
    try {
      t->request.on_retry(t->response.transport == TransportError::none ? t->response.status : 0, decision.delay);
    } catch (...) {
      m_log.write("http: an on_retry hook threw; ignored");
    }
  }
  note_slow_retry(*t, decision);
  m_waiting.emplace(Clock::now() + decision.delay, std::move(t));
}

void Engine::note_slow_retry(const detail::Transfer& t, const RetryDecision& decision) {
  if (!m_on_slow_retry) return;
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t.started);
  if (elapsed < m_slow_after) return;
  RetryNote note{t.request.label, t.response.transport == TransportError::none ? t.response.status : 0,
                 decision.reason,  t.retries + 1, t.request.max_retries + 1, decision.delay, elapsed};
  try {
    m_on_slow_retry(note);
  } catch (...) {
    m_log.write("http: the slow-retry observer threw; ignored");
  }
}

void Engine::fire_due_timers() {
  const auto now = Clock::now();
  while (!m_waiting.empty() && m_waiting.begin()->first <= now) {
    TransferPtr t = std::move(m_waiting.begin()->second);
    m_waiting.erase(m_waiting.begin());
    start_attempt(std::move(t));
  }
}

int Engine::poll_timeout_ms() const {
  if (m_waiting.empty()) return k_max_poll_ms;
  const auto wait = m_waiting.begin()->first - Clock::now();
  // Round up so the loop does not wake just before the timer and spin.
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
  return static_cast<int>(std::clamp<long long>(ms, 0, k_max_poll_ms));
}

void Engine::recycle(detail::EasyHandle easy) {
  if (!easy) return;
  // A reset handle keeps nothing of the request; connections live in the multi handle.
  curl_easy_reset(easy.get());
  m_spare.push_back(std::move(easy));
}

void Engine::finish(TransferPtr t) {
  t->response.retries = t->retries;
  t->response.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t->started);
  if (m_log.enabled()) {
    m_log.write(detail::describe_request(t->request) + " -> " + outcome_text(t->response) + " in " +
                format_ms(t->response.elapsed) + " (retries " + std::to_string(t->retries) + ")");
  }
  try {
    t->done(std::move(t->response));
  } catch (const std::exception& e) {
    m_log.write(std::string("http: a response handler threw: ") + e.what());
  } catch (...) {
    m_log.write("http: a response handler threw");
  }
}

void Engine::fail(TransferPtr t, TransportError error, const std::string& message) {
  t->response = HttpResponse{};
  t->response.transport = error;
  t->response.transport_message = message;
  finish(std::move(t));
}

void Engine::abort_all() {
  std::vector<TransferPtr> doomed;
  {
    std::lock_guard lock(m_mutex);
    m_stopped = true;
    for (auto& t : m_incoming) doomed.push_back(std::move(t));
    m_incoming.clear();
  }
  for (auto& [easy, t] : m_active) {
    curl_multi_remove_handle(m_multi.get(), easy);
    doomed.push_back(std::move(t));
  }
  m_active.clear();
  for (auto& [due, t] : m_waiting) doomed.push_back(std::move(t));
  m_waiting.clear();
  for (auto& t : doomed) fail(std::move(t), TransportError::other, "client shut down");
}

class CurlClient final : public Client {
 public:
  explicit CurlClient(const ClientOptions& options) : m_engine(std::make_shared<Engine>(options)) {
    m_thread = std::thread([engine = m_engine] { engine->run(); });
  }

  ~CurlClient() override {
    m_engine->request_stop();
    // Destroyed from one of its own callbacks: the thread owns the engine too.
    if (m_thread.get_id() == std::this_thread::get_id()) {
      m_thread.detach();
    } else {
      m_thread.join();
    }
  }

  CurlClient(const CurlClient&) = delete;
  CurlClient& operator=(const CurlClient&) = delete;

  void send(HttpRequest request, ResponseHandler done, ChunkHandler on_chunk) override {
    auto t = std::make_unique<Transfer>();
    t->request = std::move(request);
    t->done = std::move(done);
    t->on_chunk = std::move(on_chunk);
    t->started = Clock::now();
    if (TransferPtr refused = m_engine->submit(std::move(t))) {
      refused->response.transport = TransportError::other;
      refused->response.transport_message = "client shut down";
      refused->done(std::move(refused->response));
    }
  }

 private:
  std::shared_ptr<Engine> m_engine;
  std::thread m_thread;
};

std::shared_ptr<Client> make_libcurl_client(const ClientOptions& options) {
  detail::init_curl_once();
  return std::make_shared<CurlClient>(options);
}

[[maybe_unused]] const bool k_registered = (register_curl_client(&make_libcurl_client), true);

}  // namespace

}  // namespace genops::providers::http
