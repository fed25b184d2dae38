#pragma once
// The one HTTP layer: many requests in flight on one libcurl multi loop
// thread, with keep-alive, HTTP/2 where offered, timeouts, proxy variables,
// TLS verification, and the retry policy of shared/RELIABILITY.md.
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
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  std::vector<Header> headers;  // may hold secrets: never logged unredacted
  std::string body;
  std::chrono::milliseconds timeout{60'000};          // whole transfer
  std::chrono::milliseconds connect_timeout{10'000};
  int max_retries = 5;
  std::size_t max_body_bytes = 32u * 1024 * 1024;     // replies over this fail as too_large
  std::string ca_bundle;                              // empty: system default
};

// Why a transfer ended without a usable reply.
enum class TransportError { none, timeout, connect, too_large, other };

struct HttpResponse {
  int status = 0;  // 0 when no reply
  std::vector<Header> headers;  // names lower-cased
  std::string body;
  TransportError transport = TransportError::none;
  std::string transport_message;  // curl's message, redacted
  int retries = 0;
  std::chrono::microseconds elapsed{0};
  // The value of header `name` (lower-case), or "".
  std::string header(std::string_view name) const;
};

using ResponseHandler = std::function<void(HttpResponse)>;
// Receives body bytes as they arrive (for SSE); return false to abort.
using ChunkHandler = std::function<bool(std::string_view chunk)>;

struct ClientOptions {
  int max_connections = 64;  // total in flight across hosts
};

// An asynchronous HTTP client. send() never blocks on the network: the reply
// (after retries) is delivered to `done` on the client's I/O thread, exactly once.
class Client {
 public:
  virtual ~Client() = default;
  virtual void send(HttpRequest request, ResponseHandler done, ChunkHandler on_chunk = {}) = 0;
};

// The libcurl implementation; one per process is plenty.
std::shared_ptr<Client> make_curl_client(const ClientOptions& options = {});

}  // namespace genops::providers::http
