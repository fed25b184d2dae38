#pragma once
// `genops view`'s HTTP server: 127.0.0.1 only, every request must carry the
// session token (else 403), a Content-Security-Policy that allows nothing from
// outside, a small bounded worker pool, one store connection per worker. The
// transport is cpp-httplib in a module (http_transport.hpp).
#include <cstddef>
#include <memory>
#include <string>

#include "cli/view/services.hpp"

namespace genops::cli::view {

struct ServerOptions {
  int port = 0;              // 0: a free port picked by the system
  std::size_t workers = 4;   // requests served at once
  std::size_t queue = 32;    // accepted connections waiting for a worker (then accept waits)
};

// The header every response carries: nothing but inline style and script,
// forms posting back to the viewer, no frames, no referrer.
extern const char* const k_content_security_policy;

class ViewServer {
 public:
  // `token` is the secret every request must carry (?token=).
  ViewServer(ViewServices services, std::string token, ServerOptions options);
  ~ViewServer();
  ViewServer(const ViewServer&) = delete;
  ViewServer& operator=(const ViewServer&) = delete;

  // Binds 127.0.0.1 and returns the port. Throws Error(usage) when the port
  // cannot be bound (in use, or privileged).
  int bind();
  // Serves on a worker of its own until stop(); returns at once.
  void start();
  // True while the server is accepting connections.
  bool running() const;
  // Stops accepting, finishes the requests in flight, joins the workers. Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace genops::cli::view
