#pragma once
// The one HTTP layer: many requests in flight on one libcurl multi loop
// thread, with keep-alive, HTTP/2 where offered, timeouts, proxy variables,
// TLS verification, and the retry policy of docs/reliability.md.
// The only code that includes curl is providers/http/*.cpp.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace genops::providers::http {

struct Header {
  std::string name{};
  std::string value{};
};

struct HttpRequest {
  std::string method = "POST";
  std::string url{};
  std::vector<Header> headers{};  // may hold secrets: never logged unredacted
  std::string body{};
  std::chrono::milliseconds timeout{60'000};          // whole transfer
  std::chrono::milliseconds connect_timeout{10'000};
  int max_retries = 5;
  std::size_t max_body_bytes = 32u * 1024 * 1024;     // replies over this fail as too_large
  std::string ca_bundle{};                            // empty: system default
  // Tokens this call is expected to use, for tokens-per-minute limits (LimitedClient).
  std::size_t estimated_tokens = 0;
  // Called on the I/O thread before each retry wait with the failed attempt's
  // status (0 for a transport error) and the wait; must not block or throw.
  std::function<void(int status, std::chrono::milliseconds delay)> on_retry{};
  // Who is asking (a provider name), for ClientOptions::on_slow_retry notes.
  std::string label{};
};

// Why a transfer ended without a usable reply.
enum class TransportError { none, timeout, connect, too_large, other };

// A reply after retries. Check `transport` first: a transfer cut short keeps the
// status it had received (e.g. 200 then a timeout mid-body).
struct HttpResponse {
  int status = 0;  // 0 when no reply
  std::vector<Header> headers{};  // names lower-cased
  std::string body;
  TransportError transport = TransportError::none;
  std::string transport_message{};  // curl's message, redacted
  int retries = 0;
  std::chrono::microseconds elapsed{0};  // from send() to done, retries included
  // The value of header `name` (matched case-insensitively; first one wins), or "".
  std::string header(std::string_view name) const;
  // True for a complete 2xx reply.
  bool ok() const;
};

using ResponseHandler = std::function<void(HttpResponse)>;
// Receives body bytes as they arrive (for SSE); return false to abort.
// Only 2xx bodies are streamed, and then HttpResponse::body stays empty; other
// statuses' bodies are collected in `body` so the error can be classified.
// A transfer that has streamed bytes is never retried (they would repeat).
using ChunkHandler = std::function<bool(std::string_view chunk)>;

// Receives one finished debug line (already redacted, no newline).
using LogSink = std::function<void(std::string_view line)>;

// A request that has been retrying for a while is about to wait again.
struct RetryNote {
  std::string label;                  // HttpRequest::label
  int status = 0;                     // the failed attempt's status; 0 for a transport error
  std::string reason;                 // "status 429", "timeout", "connection error", ...
  int attempt = 0;                    // the attempt about to be made (2 = the first retry)
  int max_attempts = 0;               // 1 + max_retries
  std::chrono::milliseconds delay{};  // the wait before it
  std::chrono::milliseconds elapsed{};  // since send()
};
// Called on the I/O thread; must not block or throw (a throw is ignored).
using RetryObserver = std::function<void(const RetryNote&)>;

struct ClientOptions {
  int max_connections = 64;  // total in flight across hosts
  // Multiplies the computed backoff (tests use small values); a server's
  // Retry-After is never scaled.
  double backoff_scale = 1.0;
  // Debug lines (one per finished request, one per retry). Empty: stderr when
  // the environment has GENOPS_LOG=debug, otherwise none.
  LogSink debug_log{};
  std::string user_agent = "genops/0.1";
  // Told of every retry of a request that started more than `slow_after` ago,
  // so the CLI can say that a call is still being retried (library code never prints).
  RetryObserver on_slow_retry{};
  std::chrono::milliseconds slow_after{3'000};
};

// An asynchronous HTTP client. send() never blocks on the network: the reply
// (after retries) is delivered to `done` on the client's I/O thread, exactly once.
// Thread-safe; `done` and `on_chunk` may call send() again.
class Client {
 public:
  virtual ~Client() = default;
  virtual void send(HttpRequest request, ResponseHandler done, ChunkHandler on_chunk = {}) = 0;
};

// The libcurl implementation; one per process is plenty. It lives in the module
// lib/genops/genops_http.so (core/module.hpp), loaded on the first call, so
// that commands without HTTP never load libcurl; throws Error(internal) when
// the module is missing. Test programs link it in. Destroying it aborts
// transfers still in flight or waiting to retry: their `done` gets
// TransportError::other, "client shut down". A send() after that fails inline.
std::shared_ptr<Client> make_curl_client(const ClientOptions& options = {});

// The libcurl implementation's entry point, installed by curl_client.cpp (on
// load of the module or at start-up of a program that links it in).
using CurlClientFactory = std::shared_ptr<Client> (*)(const ClientOptions& options);
void register_curl_client(CurlClientFactory factory);

}  // namespace genops::providers::http
