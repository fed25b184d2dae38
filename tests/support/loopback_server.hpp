#pragma once
// A real HTTP/1.1 server on 127.0.0.1 and a free port, for tests of the HTTP
// layer and the providers: scripted replies (status, headers, delays, hangs,
// chunked SSE bodies, malformed or empty bodies) and every request recorded.
// TCP_NODELAY is on, so loopback calls do not pay Nagle's 40 ms.
//
//   genops::test::LoopbackServer server;                 // serving on return
//   server.push(genops::test::Reply::json(429, "{}").with_header("retry-after", "1"));
//   server.push(genops::test::Reply::json(200, R"({"ok":true})"));
//   client->send({.url = server.url("/v1/chat")}, ...);
//   CHECK(server.requests()[0].header("authorization") == "Bearer k");
//
// Destroy HTTP clients before the server: stop() waits for idle keep-alive
// connections to close (at most LoopbackOptions::keep_alive_timeout).
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace genops::test {

struct HttpField {
  std::string name;
  std::string value;
};

// One request as the server received it.
struct RecordedRequest {
  std::size_t index = 0;           // arrival order, from 0
  std::string method;              // "POST"
  std::string path;                // "/v1/chat/completions", without the query
  std::string target;              // path and query exactly as sent
  std::vector<HttpField> headers;  // names lower-cased
  std::string body;
  int client_port = 0;             // the client's source port: equal ports mean a reused connection
  std::chrono::steady_clock::time_point received;  // when the whole request had arrived
  // The value of header `name` (case-insensitive), or "".
  std::string header(std::string_view name) const;
};

// What the server answers to one request.
struct Reply {
  int status = 200;
  std::string body;                            // sent whole with a Content-Length, unless `chunks`
  std::string content_type = "application/json";
  std::vector<HttpField> headers;              // extra headers (retry-after, x-request-id, ...)
  std::chrono::milliseconds delay{0};          // wait before replying (cut short by stop())
  bool hang = false;                           // never reply; the request waits for stop()
  std::vector<std::string> chunks;             // non-empty: a chunked body, one write per chunk
  std::chrono::milliseconds chunk_gap{0};      // pause before every chunk but the first

  // A JSON reply (the body is sent as given, valid or not).
  static Reply json(int status, std::string body);
  // A text/plain reply.
  static Reply text(int status, std::string body);
  // A 200 text/event-stream reply written as `chunks`, `gap` apart.
  static Reply sse(std::vector<std::string> chunks, std::chrono::milliseconds gap = {});
  // A request that never gets an answer.
  static Reply hanging();

  // Adds a header; returns *this for chaining.
  Reply& with_header(std::string name, std::string value);
  // Sets the delay before replying; returns *this for chaining.
  Reply& after(std::chrono::milliseconds wait);
};

struct LoopbackOptions {
  int threads = 64;                                 // concurrent connections served
  std::size_t keep_alive_max_count = 10'000;        // requests per connection
  std::chrono::seconds keep_alive_timeout{1};       // idle keep-alive connections close after this
  bool record_requests = true;                      // false: requests() stays empty (benchmarks)
};

class LoopbackServer {
 public:
  // Computes the reply to a request when the queue is empty; runs on a
  // server thread, concurrently with itself. An exception becomes a 500.
  using Handler = std::function<Reply(const RecordedRequest&)>;

  // Binds 127.0.0.1 on a free port and serves until destroyed. Replies come
  // from the push() queue first, then from `handler`, else 404 "no scripted reply".
  // Throws std::runtime_error when it cannot bind or start.
  explicit LoopbackServer(Handler handler = {}, const LoopbackOptions& options = {});
  // Stops: wakes hanging and delayed replies, closes the listener, joins.
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const;
  // "http://127.0.0.1:<port>" followed by `path`.
  std::string url(std::string_view path = "") const;

  // Queues a reply for the next request (first in, first out). Thread-safe.
  void push(Reply reply);
  // Replaces the handler. Thread-safe.
  void set_handler(Handler handler);

  // A copy of every request so far, in arrival order. Thread-safe.
  std::vector<RecordedRequest> requests() const;
  // Requests received so far (counted even when not recorded).
  std::size_t request_count() const;
  // Waits until at least `count` requests arrived; false on timeout.
  bool wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const;

  // Stops serving (idempotent); hanging and delayed replies are released first.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace genops::test
