#include "tests/support/socket_fakes.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <string>
#include <tuple>
#include <utility>
#include <stdexcept>

namespace genops::test {

namespace {

// A TCP socket bound to 127.0.0.1 on a free port; returns {fd, port}.
std::pair<int, int> bind_loopback() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind 127.0.0.1");
  }
  return {fd, ntohs(addr.sin_port)};
}

std::string loopback_url(int port, std::string_view path) {
  return "http://127.0.0.1:" + std::to_string(port) + std::string(path);
}

}  // namespace

RefusingPort::RefusingPort() { std::tie(m_fd, m_port) = bind_loopback(); }

RefusingPort::~RefusingPort() { ::close(m_fd); }

std::string RefusingPort::url(std::string_view path) const { return loopback_url(m_port, path); }

ResettingServer::ResettingServer() {
  std::tie(m_fd, m_port) = bind_loopback();
  if (::listen(m_fd, 64) != 0) {
    ::close(m_fd);
    throw std::runtime_error("listen() failed");
  }
  m_thread = std::thread([this] { run(); });
}

ResettingServer::~ResettingServer() {
  m_stopping = true;
  m_thread.join();
  ::close(m_fd);
}

std::string ResettingServer::url(std::string_view path) const { return loopback_url(m_port, path); }

void ResettingServer::run() noexcept {
  while (!m_stopping) {
    pollfd listener{m_fd, POLLIN, 0};
    if (::poll(&listener, 1, 20) <= 0) continue;
    const int conn = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (conn < 0) continue;
    ++m_connections;
    // Read what the client sent, so the reset lands after its request.
    pollfd peer{conn, POLLIN, 0};
    if (::poll(&peer, 1, 1000) > 0) {
      std::array<char, 4096> buffer;
      [[maybe_unused]] auto n = ::recv(conn, buffer.data(), buffer.size(), 0);
    }
    const linger abortive{1, 0};  // close() sends RST instead of FIN
    ::setsockopt(conn, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    ::close(conn);
  }
}

}  // namespace genops::test
