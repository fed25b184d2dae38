#pragma once
// The HTTP transport under `genops view`: cpp-httplib, built as the module
// lib/genops/genops_view_http.so (core/module.hpp) because Debian's
// cpp-httplib is a shared library that brings libssl, libcrypto, zlib and
// brotli with it; only `genops view` loads it. The server's logic (token,
// pages, errors) stays in the binary (server.cpp) and sees plain structs.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/view/services.hpp"

namespace genops::cli::view {

struct HttpRequest {
  std::string method;  // "GET", "HEAD", "POST", ...
  std::string path;
  ParamMap params;     // the query's (and for POST, the form's) first value of each name
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "text/html; charset=utf-8";
  std::string location;  // a redirect's target (with status 303)
};

struct TransportOptions {
  std::size_t workers = 4;  // requests served at once (a ThreadPool)
  std::size_t queue = 32;   // accepted connections waiting for a worker
  std::vector<std::pair<std::string, std::string>> headers;  // on every response
  std::size_t max_payload = 64 * 1024;
};

struct TransportHandlers {
  // Called before a request's body is read, with its query parameters only:
  // a response refuses the request (e.g. 403 without the token).
  std::function<std::optional<HttpResponse>(const HttpRequest&)> admit;
  // Called for every admitted request, a POST with its form read.
  std::function<HttpResponse(const HttpRequest&)> serve;
};

// One listening socket on 127.0.0.1: one request per connection (a browser's
// idle keep-alive connection would hold a worker), SO_REUSEADDR without
// SO_REUSEPORT (a second viewer cannot share a port in use).
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Binds 127.0.0.1:`port` (0: a free port); the port, or -1 when it cannot.
  virtual int bind(int port) = 0;
  // Serves on a thread of its own until stop(); returns at once.
  virtual void start() = 0;
  // True until the serving loop has ended.
  virtual bool running() const = 0;
  // Stops accepting, finishes the requests in flight, joins. Idempotent.
  virtual void stop() = 0;
};

using TransportFactory = std::unique_ptr<HttpTransport> (*)(TransportOptions options, TransportHandlers handlers);

// Installed by the module when it is loaded (or by a program linking it in).
void register_http_transport(TransportFactory factory);

// A transport from the module, loaded on first use. Throws Error(internal)
// naming the module when it is missing.
std::unique_ptr<HttpTransport> make_http_transport(TransportOptions options, TransportHandlers handlers);

}  // namespace genops::cli::view
