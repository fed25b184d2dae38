// mock_openai — a loopback OpenAI-compatible chat server for benchmarking evals,
// and a closed-loop load client to measure it.
//
//   mock_openai [--port P] [--latency-ms MS] [--port-file F]     serve
//   mock_openai --load PORT [--conns C] [--requests N]           measure a server
//
// Server: one thread, epoll, keep-alive, binds 127.0.0.1 (port 0 by default: the
// kernel picks one; "port N" is printed on stdout and written to --port-file).
// Every POST .../chat/completions gets the same short reply with usage, after
// --latency-ms (a timer heap, so any number of delayed requests overlap).
// Each accepted socket has TCP_NODELAY and every response (status line, headers
// and body) goes out in one write(): without both, Nagle's algorithm and the
// client's delayed ACK add ~40 ms to a request (bench/README.md).
// GET .../models answers a model list; anything else is 404. SIGINT/SIGTERM
// print the number of requests served on stderr and exit 0; SIGUSR1 prints the requests
// served, the most connections open and the most requests delayed at once since the last
// SIGUSR1, and goes on.
//
// Build: g++ -O2 -std=c++20 -o mock_openai mock_openai.cpp   (or the bench CMake target)
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

volatile sig_atomic_t g_stop = 0;
volatile sig_atomic_t g_report = 0;
void on_signal(int) { g_stop = 1; }
void on_report(int) { g_report = 1; }

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "mock_openai: %s: %s\n", what, std::strerror(errno));
  std::exit(1);
}

void set_nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }
void set_nodelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Value of header `name` (lower-case) in the header block, or empty.
std::string_view header(std::string_view head, std::string_view name) {
  std::size_t pos = head.find("\r\n");
  while (pos != std::string_view::npos && pos + 2 < head.size()) {
    std::size_t start = pos + 2;
    std::size_t end = head.find("\r\n", start);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(start, end - start);
    std::size_t colon = line.find(':');
    if (colon == name.size()) {
      bool same = true;
      for (std::size_t i = 0; i < colon && same; ++i) same = lower(line[i]) == name[i];
      if (same) {
        std::string_view v = line.substr(colon + 1);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
        return v;
      }
    }
    pos = end;
  }
  return {};
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string response(int status, const char* reason, std::string_view body, bool close) {
  std::string out;
  out.reserve(160 + body.size());
  out += "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
  out += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
  out += body;
  return out;
}

// ---------------------------------------------------------------------------- server

struct Conn {
  int fd = -1;
  std::string in;
  std::string out;      // unsent bytes (only after a short write)
  int pending = 0;      // requests waiting on their latency timer
  bool close_after = false;
  bool dead = false;
  bool continued = false;  // sent 100 Continue for the request being read
};

struct Timer {
  Clock::time_point due;
  unsigned long long seq;
  int fd;
  unsigned long long conn_id;
  bool close;
  bool operator>(const Timer& o) const { return due != o.due ? due > o.due : seq > o.seq; }
};

class Server {
 public:
  Server(int port, int latency_ms) : latency_(latency_ms) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    if (listen_fd_ < 0) die("socket");
    int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("bind");
    if (listen(listen_fd_, 4096) != 0) die("listen");
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    set_nonblocking(listen_fd_);
    ep_ = epoll_create1(0);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = listen_fd_;
    epoll_ctl(ep_, EPOLL_CTL_ADD, listen_fd_, &ev);

    const std::string reply =
        R"({"id":"chatcmpl-mock","object":"chat.completion","created":1700000000,"model":"mock-model",)"
        R"("choices":[{"index":0,"message":{"role":"assistant","content":"Refunds are issued within 14 days of the request."},)"
        R"("logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":24,"completion_tokens":11,"total_tokens":35}})";
    chat_ = response(200, "OK", reply, false);
    chat_close_ = response(200, "OK", reply, true);
    models_ = response(200, "OK", R"({"object":"list","data":[{"id":"mock-model","object":"model","owned_by":"mock"}]})", false);
    not_found_ = response(404, "Not Found", R"({"error":{"message":"not found","type":"invalid_request_error"}})", false);
    bad_ = response(400, "Bad Request", R"({"error":{"message":"bad request","type":"invalid_request_error"}})", true);
  }

  int port() const { return port_; }

  void run() {
    std::vector<epoll_event> events(1024);
    while (!g_stop) {
      int timeout = -1;
      if (!timers_.empty()) {
        auto wait = std::chrono::duration_cast<std::chrono::microseconds>(timers_.top().due - Clock::now()).count();
        timeout = wait <= 0 ? 0 : static_cast<int>((wait + 999) / 1000);
      }
      int n = epoll_wait(ep_, events.data(), static_cast<int>(events.size()), timeout);
      if (n < 0 && errno != EINTR) die("epoll_wait");
      for (int i = 0; i < n; ++i) {
        int fd = events[i].data.fd;
        if (fd == listen_fd_) {
          accept_all();
          continue;
        }
        auto it = conns_.find(fd);
        if (it == conns_.end()) continue;
        Conn& c = it->second;
        if (events[i].events & EPOLLOUT) flush(c);
        if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) read_from(c);
        if (c.dead && c.pending == 0) close_conn(fd);
      }
      fire_timers();
      if (g_report) {  // SIGUSR1: the figures since the last report
        g_report = 0;
        std::fprintf(stderr, "mock_openai: served %llu requests, at most %zu connections open and %zu requests delayed at once\n",
                     served_, peak_conns_, peak_timers_);
        served_ = 0;
        peak_conns_ = conns_.size();
        peak_timers_ = timers_.size();
      }
    }
    std::fprintf(stderr, "mock_openai: served %llu requests, at most %zu connections open and %zu requests delayed at once\n",
                 served_, peak_conns_, peak_timers_);
  }

 private:
  void accept_all() {
    for (;;) {
      int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK);
      if (fd < 0) return;
      set_nodelay(fd);
      Conn& c = conns_[fd];
      c = Conn{};
      c.fd = fd;
      conn_id_[fd] = ++next_conn_id_;
      peak_conns_ = std::max(peak_conns_, conns_.size());
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.fd = fd;
      epoll_ctl(ep_, EPOLL_CTL_ADD, fd, &ev);
    }
  }

  void read_from(Conn& c) {
    char buf[16384];
    for (;;) {
      ssize_t got = read(c.fd, buf, sizeof buf);
      if (got > 0) {
        c.in.append(buf, static_cast<std::size_t>(got));
        continue;
      }
      if (got == 0) c.dead = true;
      else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) c.dead = true;
      break;
    }
    parse(c);
  }

  void parse(Conn& c) {
    std::size_t used = 0;
    while (!c.close_after) {
      std::string_view rest(c.in.data() + used, c.in.size() - used);
      std::size_t end = rest.find("\r\n\r\n");
      if (end == std::string_view::npos) break;
      std::string_view head = rest.substr(0, end + 2);
      std::string_view te = header(head, "transfer-encoding");
      if (!te.empty()) {  // never sent by the clients we measure; refuse loudly
        std::fprintf(stderr, "mock_openai: chunked request bodies are not supported\n");
        send(c, bad_);
        c.close_after = true;
        break;
      }
      std::size_t length = 0;
      std::string_view cl = header(head, "content-length");
      if (!cl.empty()) length = std::strtoull(std::string(cl).c_str(), nullptr, 10);
      if (rest.size() < end + 4 + length) {
        if (iequals(header(head, "expect"), "100-continue") && !c.continued) {
          send(c, "HTTP/1.1 100 Continue\r\n\r\n");
          c.continued = true;
        }
        break;
      }
      c.continued = false;
      bool close = iequals(header(head, "connection"), "close") || head.find(" HTTP/1.0\r\n") != std::string_view::npos;
      std::string_view line = head.substr(0, head.find("\r\n"));
      std::size_t sp1 = line.find(' ');
      std::size_t sp2 = line.find(' ', sp1 + 1);
      std::string_view method = line.substr(0, sp1);
      std::string_view path = sp1 == std::string_view::npos ? std::string_view{} : line.substr(sp1 + 1, sp2 - sp1 - 1);
      if (std::size_t q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
      used += end + 4 + length;
      ++served_;
      if (method == "POST" && path.ends_with("/chat/completions")) {
        if (latency_ > 0) {
          timers_.push({Clock::now() + std::chrono::milliseconds(latency_), ++seq_, c.fd, conn_id_[c.fd], close});
          ++c.pending;
          peak_timers_ = std::max(peak_timers_, timers_.size());
        } else {
          send(c, close ? chat_close_ : chat_);
        }
      } else if (method == "GET" && path.ends_with("/models")) {
        send(c, models_);
      } else {
        send(c, not_found_);
      }
      if (close) c.close_after = true;
    }
    c.in.erase(0, used);
    if (c.close_after && c.pending == 0 && c.out.empty()) c.dead = true;
  }

  void send(Conn& c, std::string_view bytes) {
    if (!c.out.empty()) {  // keep order behind an earlier short write
      c.out.append(bytes);
      return;
    }
    ssize_t put = write(c.fd, bytes.data(), bytes.size());
    if (put < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK) {
        c.dead = true;
        return;
      }
      put = 0;
    }
    if (static_cast<std::size_t>(put) < bytes.size()) {
      c.out.assign(bytes.substr(static_cast<std::size_t>(put)));
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLOUT;
      ev.data.fd = c.fd;
      epoll_ctl(ep_, EPOLL_CTL_MOD, c.fd, &ev);
    }
  }

  void flush(Conn& c) {
    if (c.out.empty()) return;
    ssize_t put = write(c.fd, c.out.data(), c.out.size());
    if (put < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK) c.dead = true;
      return;
    }
    c.out.erase(0, static_cast<std::size_t>(put));
    if (c.out.empty()) {
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.fd = c.fd;
      epoll_ctl(ep_, EPOLL_CTL_MOD, c.fd, &ev);
      if (c.close_after && c.pending == 0) c.dead = true;
    }
  }

  void fire_timers() {
    auto now = Clock::now();
    while (!timers_.empty() && timers_.top().due <= now) {
      Timer t = timers_.top();
      timers_.pop();
      auto it = conns_.find(t.fd);
      if (it == conns_.end() || conn_id_.at(t.fd) != t.conn_id) continue;
      Conn& c = it->second;
      --c.pending;
      if (!c.dead) send(c, t.close ? chat_close_ : chat_);
      if (c.close_after && c.pending == 0 && c.out.empty()) c.dead = true;
      if (c.dead && c.pending == 0) close_conn(t.fd);
    }
  }

  void close_conn(int fd) {
    epoll_ctl(ep_, EPOLL_CTL_DEL, fd, nullptr);
    close(fd);
    conns_.erase(fd);
    conn_id_.erase(fd);
  }

  int listen_fd_ = -1, ep_ = -1, port_ = 0, latency_ = 0;
  unsigned long long served_ = 0, seq_ = 0, next_conn_id_ = 0;
  std::size_t peak_conns_ = 0, peak_timers_ = 0;
  std::string chat_, chat_close_, models_, not_found_, bad_;
  std::unordered_map<int, Conn> conns_;
  std::unordered_map<int, unsigned long long> conn_id_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers_;
};

// ---------------------------------------------------------------------------- load client

int load(int port, int conns, long requests) {
  const std::string body =
      R"({"model":"mock-model","messages":[{"role":"user","content":"How do I get a refund for order 42?"}],"max_tokens":200})";
  const std::string req = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                          "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  int ep = epoll_create1(0);
  struct C { int fd; std::string in; Clock::time_point sent; };
  std::vector<C> cs(static_cast<std::size_t>(conns));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  long started = 0, done = 0;
  std::vector<double> lat;
  lat.reserve(static_cast<std::size_t>(requests));
  auto t0 = Clock::now();
  for (int i = 0; i < conns && started < requests; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("connect");
    set_nodelay(fd);
    set_nonblocking(fd);
    cs[static_cast<std::size_t>(i)].fd = fd;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = static_cast<uint32_t>(i);
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    cs[static_cast<std::size_t>(i)].sent = Clock::now();
    if (write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) die("write");
    ++started;
  }
  std::vector<epoll_event> events(1024);
  char buf[16384];
  while (done < requests) {
    int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 10000);
    if (n == 0) {
      std::fprintf(stderr, "load: stalled at %ld of %ld\n", done, requests);
      return 1;
    }
    for (int i = 0; i < n; ++i) {
      C& c = cs[events[i].data.u32];
      for (;;) {
        ssize_t got = read(c.fd, buf, sizeof buf);
        if (got > 0) { c.in.append(buf, static_cast<std::size_t>(got)); continue; }
        if (got == 0) { std::fprintf(stderr, "load: server closed a connection\n"); return 1; }
        break;
      }
      for (;;) {
        std::size_t end = c.in.find("\r\n\r\n");
        if (end == std::string::npos) break;
        std::string_view head(c.in.data(), end + 2);
        std::size_t len = std::strtoull(std::string(header(head, "content-length")).c_str(), nullptr, 10);
        if (c.in.size() < end + 4 + len) break;
        if (head.substr(0, 12) != "HTTP/1.1 200") { std::fprintf(stderr, "load: bad status\n"); return 1; }
        c.in.erase(0, end + 4 + len);
        lat.push_back(std::chrono::duration<double, std::milli>(Clock::now() - c.sent).count());
        ++done;
        if (started < requests) {
          c.sent = Clock::now();
          if (write(c.fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) die("write");
          ++started;
        }
      }
    }
  }
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  std::sort(lat.begin(), lat.end());
  std::printf("%ld requests, %d connections: %.3f s, %.0f req/s, latency p50 %.2f ms p99 %.2f ms\n", requests, conns,
              secs, static_cast<double>(requests) / secs, lat[lat.size() / 2], lat[lat.size() * 99 / 100]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, latency = 0, conns = 16, load_port = 0;
  long requests = 20000;
  const char* port_file = nullptr;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) { std::fprintf(stderr, "mock_openai: %s needs a value\n", argv[i]); std::exit(2); }
      return argv[++i];
    };
    if (a == "--port") port = std::atoi(next());
    else if (a == "--latency-ms") latency = std::atoi(next());
    else if (a == "--port-file") port_file = next();
    else if (a == "--load") load_port = std::atoi(next());
    else if (a == "--conns") conns = std::atoi(next());
    else if (a == "--requests") requests = std::atol(next());
    else {
      std::fprintf(stderr,
                   "usage: mock_openai [--port P] [--latency-ms MS] [--port-file F]\n"
                   "       mock_openai --load PORT [--conns C] [--requests N]\n");
      return 2;
    }
  }
  signal(SIGPIPE, SIG_IGN);
  if (load_port) return load(load_port, conns, requests);
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  struct sigaction sa{};
  sa.sa_handler = on_report;  // no SA_RESTART: epoll_wait returns EINTR and the report is printed at once
  sigaction(SIGUSR1, &sa, nullptr);
  Server server(port, latency);
  std::printf("port %d\n", server.port());
  std::fflush(stdout);
  if (port_file) {
    FILE* f = std::fopen(port_file, "w");
    if (!f) die("port file");
    std::fprintf(f, "%d\n", server.port());
    std::fclose(f);
  }
  server.run();
  return 0;
}
