#pragma once
// Misbehaving peers for transport-error tests, on 127.0.0.1 and free ports.
#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <thread>

namespace genops::test {

// A port that refuses connections: bound, never listening, held until destroyed.
class RefusingPort {
 public:
  // Throws std::runtime_error when no socket can be bound.
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;

  int port() const { return m_port; }
  // "http://127.0.0.1:<port>" followed by `path`.
  std::string url(std::string_view path = "") const;

 private:
  int m_fd = -1;
  int m_port = 0;
};

// A listener that accepts each connection, reads the request, and resets the
// connection (RST) without a byte of reply.
class ResettingServer {
 public:
  // Throws std::runtime_error when it cannot listen.
  ResettingServer();
  ~ResettingServer();
  ResettingServer(const ResettingServer&) = delete;
  ResettingServer& operator=(const ResettingServer&) = delete;

  int port() const { return m_port; }
  std::string url(std::string_view path = "") const;
  // Connections accepted so far.
  std::size_t connections() const { return m_connections.load(); }

 private:
  void run() noexcept;

  int m_fd = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::atomic<std::size_t> m_connections{0};
  std::thread m_thread;
};

}  // namespace genops::test
