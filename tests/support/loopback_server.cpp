#include "tests/support/loopback_server.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>

// Debian builds cpp-httplib as a shared library with these features; the
// header must see the same defines (they change struct layouts). CMake passes
// them from cpp-httplib.pc; TCP_NODELAY is set per server below, because the
// compiled library ignores CPPHTTPLIB_TCP_NODELAY.
#include <httplib.h>
#include <sys/socket.h>

namespace genops::test {

namespace {

// httplib's compiled-in listen backlog is 5: a burst of connections beyond it
// loses SYNs and waits out a 1 s retransmit. Linux widens the backlog of a
// listening socket when listen() is called again.
class WideServer : public httplib::Server {
 public:
  bool widen_backlog(int backlog) { return ::listen(svr_sock_, backlog) == 0; }
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::string RecordedRequest::header(std::string_view name) const {
  const std::string wanted = lower(name);
  for (const auto& h : headers) {
    if (h.name == wanted) return h.value;
  }
  return {};
}

Reply Reply::json(int status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

Reply Reply::text(int status, std::string body) {
  Reply reply = json(status, std::move(body));
  reply.content_type = "text/plain";
  return reply;
}

Reply Reply::sse(std::vector<std::string> chunks, std::chrono::milliseconds gap) {
  Reply reply;
  reply.content_type = "text/event-stream";
  reply.chunks = std::move(chunks);
  reply.chunk_gap = gap;
  return reply;
}

Reply Reply::hanging() {
  Reply reply;
  reply.hang = true;
  return reply;
}

Reply& Reply::with_header(std::string name, std::string value) {
  headers.push_back({std::move(name), std::move(value)});
  return *this;
}

Reply& Reply::after(std::chrono::milliseconds wait) {
  delay = wait;
  return *this;
}

struct LoopbackServer::Impl {
  WideServer server;
  std::thread thread;
  std::atomic<bool> listen_returned{false};
  int port = 0;

  mutable std::mutex mutex;  // guards everything below
  mutable std::condition_variable changed;
  Handler handler;
  std::deque<Reply> queue;
  std::vector<RecordedRequest> recorded;
  std::size_t received_count = 0;
  bool stopping = false;
  bool record_requests = true;

  RecordedRequest record(const httplib::Request& req) {
    RecordedRequest rec;
    rec.method = req.method;
    rec.path = req.path;
    rec.target = req.target;
    rec.body = req.body;
    rec.client_port = req.remote_port;
    rec.received = std::chrono::steady_clock::now();
    for (const auto& [name, value] : req.headers) rec.headers.push_back({lower(name), value});
    std::lock_guard lock(mutex);
    rec.index = received_count++;
    if (record_requests) recorded.push_back(rec);
    changed.notify_all();
    return rec;
  }

  Reply next_reply(const RecordedRequest& rec) {
    Handler current;
    {
      std::lock_guard lock(mutex);
      if (!queue.empty()) {
        Reply reply = std::move(queue.front());
        queue.pop_front();
        return reply;
      }
      current = handler;
    }
    if (!current) return Reply::text(404, "loopback: no scripted reply");
    try {
      return current(rec);
    } catch (const std::exception& e) {
      return Reply::text(500, std::string("loopback: the handler threw: ") + e.what());
    } catch (...) {
      return Reply::text(500, "loopback: the handler threw");
    }
  }

  // Waits `wait` (forever when negative); true when the server is stopping.
  bool sleep_unless_stopped(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex);
    if (wait.count() < 0) {
      changed.wait(lock, [&] { return stopping; });
      return true;
    }
    return changed.wait_for(lock, wait, [&] { return stopping; });
  }

  void stream_chunks(httplib::Response& res, const Reply& reply) {
    res.set_chunked_content_provider(
        reply.content_type, [this, chunks = reply.chunks, gap = reply.chunk_gap](std::size_t, httplib::DataSink& sink) {
          for (std::size_t i = 0; i < chunks.size(); ++i) {
            if (i > 0 && gap.count() > 0 && sleep_unless_stopped(gap)) return false;
            if (!chunks[i].empty() && !sink.write(chunks[i].data(), chunks[i].size())) return false;
          }
          sink.done();
          return true;
        });
  }

  void serve(const httplib::Request& req, httplib::Response& res) {
    const RecordedRequest rec = record(req);
    const Reply reply = next_reply(rec);
    if ((reply.hang && sleep_unless_stopped(std::chrono::milliseconds(-1))) ||
        (reply.delay.count() > 0 && sleep_unless_stopped(reply.delay))) {
      res.status = 503;
      return;
    }
    res.status = reply.status;
    for (const auto& h : reply.headers) res.set_header(h.name, h.value);
    if (reply.chunks.empty()) {
      res.set_content(reply.body, reply.content_type);
    } else {
      stream_chunks(res, reply);
    }
  }
};

LoopbackServer::LoopbackServer(Handler handler, const LoopbackOptions& options) : m_impl(std::make_unique<Impl>()) {
  auto& impl = *m_impl;
  impl.handler = std::move(handler);
  impl.record_requests = options.record_requests;
  const auto threads = static_cast<std::size_t>(std::max(1, options.threads));
  // httplib takes ownership of the queue it is given (its API wants a raw pointer).
  impl.server.new_task_queue = [threads] { return std::make_unique<httplib::ThreadPool>(threads).release(); };
  impl.server.set_tcp_nodelay(true);
  impl.server.set_keep_alive_max_count(std::max<std::size_t>(1, options.keep_alive_max_count));
  impl.server.set_keep_alive_timeout(static_cast<time_t>(options.keep_alive_timeout.count()));
  const httplib::Server::Handler serve = [&impl](const httplib::Request& req, httplib::Response& res) {
    impl.serve(req, res);
  };
  impl.server.Get(".*", serve);
  impl.server.Post(".*", serve);
  impl.server.Put(".*", serve);
  impl.server.Patch(".*", serve);
  impl.server.Delete(".*", serve);
  impl.server.Options(".*", serve);
  impl.port = impl.server.bind_to_any_port("127.0.0.1");
  if (impl.port <= 0 || !impl.server.widen_backlog(1024)) {
    throw std::runtime_error("loopback server: cannot listen on 127.0.0.1");
  }
  impl.thread = std::thread([&impl] {
    impl.server.listen_after_bind();
    impl.listen_returned = true;
  });
  // stop() is a no-op until the server runs, so do not return before it does.
  while (!impl.server.is_running()) {
    if (impl.listen_returned) {
      impl.thread.join();
      throw std::runtime_error("loopback server: cannot listen on 127.0.0.1");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

LoopbackServer::~LoopbackServer() { stop(); }

int LoopbackServer::port() const { return m_impl->port; }

std::string LoopbackServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(m_impl->port) + std::string(path);
}

void LoopbackServer::push(Reply reply) {
  std::lock_guard lock(m_impl->mutex);
  m_impl->queue.push_back(std::move(reply));
}

void LoopbackServer::set_handler(Handler handler) {
  std::lock_guard lock(m_impl->mutex);
  m_impl->handler = std::move(handler);
}

std::vector<RecordedRequest> LoopbackServer::requests() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->recorded;
}

std::size_t LoopbackServer::request_count() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->received_count;
}

bool LoopbackServer::wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(m_impl->mutex);
  return m_impl->changed.wait_for(lock, timeout, [&] { return m_impl->received_count >= count; });
}

void LoopbackServer::stop() {
  {
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->stopping) return;
    m_impl->stopping = true;
  }
  m_impl->changed.notify_all();
  m_impl->server.stop();
  if (m_impl->thread.joinable()) m_impl->thread.join();
}

}  // namespace genops::test
