#include "cli/view/http_transport.hpp"

#include <atomic>

#include "core/error.hpp"
#include "core/module.hpp"

namespace genops::cli::view {

namespace {
std::atomic<TransportFactory> g_factory{nullptr};
}

void register_http_transport(TransportFactory factory) { g_factory.store(factory, std::memory_order_release); }

std::unique_ptr<HttpTransport> make_http_transport(TransportOptions options, TransportHandlers handlers) {
  if (!g_factory.load(std::memory_order_acquire)) core::load_module("genops_view_http");
  auto factory = g_factory.load(std::memory_order_acquire);
  if (!factory)
    throw core::Error(core::ErrorKind::internal, "genops_view_http.so: loaded, but it registered no HTTP server",
                      {"reinstall genops: the module does not match the binary"});
  return factory(std::move(options), std::move(handlers));
}

}  // namespace genops::cli::view
