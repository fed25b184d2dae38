#include "cli/view/server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "cli/view/pages.hpp"
#include "core/concurrency/thread_pool.hpp"
#include "core/error.hpp"

namespace genops::cli::view {

const char* const k_content_security_policy =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

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

// Store connections reused across requests: at most one per worker.
class StorePool {
 public:
  explicit StorePool(const ViewServices& services) : m_services(services) {}
  std::unique_ptr<core::lineage::Store> acquire() {
    {
      std::lock_guard lock(m_mutex);
      if (!m_free.empty()) {
        auto store = std::move(m_free.back());
        m_free.pop_back();
        return store;
      }
    }
    return m_services.open_store();
  }
  void release(std::unique_ptr<core::lineage::Store> store) {
    std::lock_guard lock(m_mutex);
    m_free.push_back(std::move(store));
  }

 private:
  const ViewServices& m_services;
  std::mutex m_mutex;
  std::vector<std::unique_ptr<core::lineage::Store>> m_free;
};

// Compares in time independent of where the strings first differ.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

ParamMap first_values(const httplib::Request& req) {
  ParamMap out;
  for (const auto& [key, value] : req.params) out.emplace(key, value);  // emplace keeps the first
  return out;
}

int status_of(core::ErrorKind kind) {
  switch (kind) {
    case core::ErrorKind::usage:
    case core::ErrorKind::invalid_input: return 400;
    default: return 500;
  }
}

}  // namespace

struct ViewServer::Impl {
  ViewServices services;
  std::string token;
  ServerOptions options;
  Links links;
  StorePool stores;
  httplib::Server server;
  ThreadPool listener{1};
  int port = -1;
  bool started = false;
  std::atomic<bool> done{false};

  Impl(ViewServices s, std::string t, ServerOptions o)
      : services(std::move(s)), token(std::move(t)), options(o), links(token), stores(services) {}

  void serve(const httplib::Request& req, httplib::Response& res, bool post) {
    auto params = first_values(req);
    auto store = stores.acquire();
    PageContext ctx{*store, links, services, params};
    PageResult result;
    try {
      result = post ? post_action(req.path, ctx) : get_page(req.path, ctx);
    } catch (const core::Error& e) {
      std::string body = "<p class=\"fail\">" + esc(e.what()) + "</p>";
      for (const auto& hint : e.hints()) body += "<p class=\"muted\">hint: " + esc(hint) + "</p>";
      result = {status_of(e.kind()), page(links, "Error", body), {}};
    } catch (const std::exception& e) {
      result = {500, page(links, "Error", "<p class=\"fail\">" + esc(e.what()) + "</p>"), {}};
    }
    stores.release(std::move(store));
    if (!result.redirect.empty()) {
      res.status = 303;
      res.set_header("Location", result.redirect);
      return;
    }
    res.status = result.status;
    res.set_content(result.html, "text/html; charset=utf-8");
  }

  void configure() {
    server.new_task_queue = [this] { return new PoolQueue(options.workers, options.queue); };
    server.set_default_headers({{"Content-Security-Policy", k_content_security_policy},
                                {"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "no-referrer"},
                                {"Cache-Control", "no-store"}});
    // A browser's idle keep-alive connection would hold a worker: one request each.
    server.set_keep_alive_max_count(1);
    server.set_payload_max_length(64 * 1024);
    // SO_REUSEADDR alone: httplib's default adds SO_REUSEPORT, which would let
    // a second viewer share a port already in use instead of failing.
    server.set_socket_options([](int sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!same_secret(req.get_param_value("token"), token)) {
        res.status = 403;
        res.set_content("403 Forbidden: this genops view needs the token printed by `genops view`\n", "text/plain");
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.method == "POST") return httplib::Server::HandlerResponse::Unhandled;  // its form is read first
      if (req.method != "GET" && req.method != "HEAD") {
        res.status = 405;
        return httplib::Server::HandlerResponse::Handled;
      }
      serve(req, res, false);
      return httplib::Server::HandlerResponse::Handled;
    });
    for (const char* path : {"/label/prompt", "/label/eval"})
      server.Post(path, [this](const httplib::Request& req, httplib::Response& res) { serve(req, res, true); });
  }
};

ViewServer::ViewServer(ViewServices services, std::string token, ServerOptions options)
    : m_impl(std::make_unique<Impl>(std::move(services), std::move(token), options)) {
  m_impl->configure();
}

ViewServer::~ViewServer() { stop(); }

int ViewServer::bind() {
  auto& impl = *m_impl;
  bool bound = impl.options.port == 0 ? (impl.port = impl.server.bind_to_any_port("127.0.0.1")) > 0
                                      : impl.server.bind_to_port("127.0.0.1", impl.options.port);
  if (!bound)
    core::fail_usage("--port " + std::to_string(impl.options.port) + ": cannot listen on 127.0.0.1 there",
                     {"another program may be using it; leave --port out to let genops pick a free one"});
  if (impl.options.port != 0) impl.port = impl.options.port;
  return impl.port;
}

void ViewServer::start() {
  m_impl->started = true;
  m_impl->listener.enqueue([this] {
    m_impl->server.listen_after_bind();
    m_impl->done = true;
  });
}

bool ViewServer::running() const { return !m_impl->done; }

void ViewServer::stop() {
  // httplib's stop() does nothing before its loop has begun: repeat until it ends.
  while (m_impl->started && !m_impl->done) {
    m_impl->server.stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  m_impl->listener.shut_down();
}

}  // namespace genops::cli::view
