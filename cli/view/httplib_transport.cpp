// The module genops_view_http.so: cpp-httplib's one home in production code
// (cli/view/http_transport.hpp says why it is a module).
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "cli/view/http_transport.hpp"
#include "core/concurrency/thread_pool.hpp"

namespace genops::cli::view {

namespace {

using core::concurrency::ThreadPool;

// httplib's worker pool, on ours: a fixed number of workers and a bounded queue.
class PoolQueue : public httplib::TaskQueue {
 public:
  PoolQueue(std::size_t workers, std::size_t queue) : m_pool(workers, queue) {}
  void enqueue(std::function<void()> fn) override { m_pool.enqueue(std::move(fn)); }
  void shutdown() override { m_pool.shut_down(); }

 private:
  ThreadPool m_pool;
};

HttpRequest request_of(const httplib::Request& req) {
  HttpRequest out{req.method, req.path, {}};
  for (const auto& [key, value] : req.params) out.params.emplace(key, value);  // emplace keeps the first
  return out;
}

void respond(const HttpResponse& response, httplib::Response& res) {
  res.status = response.status;
  if (!response.location.empty()) res.set_header("Location", response.location);
  if (!response.body.empty() || response.location.empty()) res.set_content(response.body, response.content_type);
}

class HttplibTransport : public HttpTransport {
 public:
  HttplibTransport(TransportOptions options, TransportHandlers handlers)
      : m_options(std::move(options)), m_handlers(std::move(handlers)) {
    m_server.new_task_queue = [this] { return new PoolQueue(m_options.workers, m_options.queue); };
    httplib::Headers headers;
    for (const auto& [name, value] : m_options.headers) headers.emplace(name, value);
    m_server.set_default_headers(headers);
    m_server.set_keep_alive_max_count(1);
    m_server.set_payload_max_length(m_options.max_payload);
    m_server.set_socket_options([](int sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    m_server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      auto request = request_of(req);
      if (auto refused = m_handlers.admit(request)) {
        respond(*refused, res);
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.method == "POST") return httplib::Server::HandlerResponse::Unhandled;  // its form is read first
      respond(m_handlers.serve(request), res);
      return httplib::Server::HandlerResponse::Handled;
    });
    m_server.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      respond(m_handlers.serve(request_of(req)), res);
    });
  }

  ~HttplibTransport() override { stop(); }

  int bind(int port) override {
    if (port == 0) return m_server.bind_to_any_port("127.0.0.1");
    return m_server.bind_to_port("127.0.0.1", port) ? port : -1;
  }

  void start() override {
    m_started = true;
    m_listener.enqueue([this] {
      m_server.listen_after_bind();
      m_done = true;
    });
  }

  bool running() const override { return !m_done; }

  void stop() override {
    // httplib's stop() does nothing before its loop has begun: repeat until it ends.
    while (m_started && !m_done) {
      m_server.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    m_listener.shut_down();
  }

 private:
  TransportOptions m_options;
  TransportHandlers m_handlers;
  httplib::Server m_server;
  ThreadPool m_listener{1};
  bool m_started = false;
  std::atomic<bool> m_done{false};
};

std::unique_ptr<HttpTransport> make_httplib_transport(TransportOptions options, TransportHandlers handlers) {
  return std::make_unique<HttplibTransport>(std::move(options), std::move(handlers));
}

[[maybe_unused]] const bool k_registered = (register_http_transport(&make_httplib_transport), true);

}  // namespace

}  // namespace genops::cli::view
