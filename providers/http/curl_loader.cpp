// make_curl_client() in genops_providers: the libcurl client itself is the
// module genops_http (curl_client.cpp and friends), loaded here on first use.
#include <atomic>

#include "core/error.hpp"
#include "core/module.hpp"
#include "providers/http/client.hpp"

namespace genops::providers::http {

namespace {

std::atomic<CurlClientFactory> g_factory{nullptr};

}  // namespace

void register_curl_client(CurlClientFactory factory) { g_factory.store(factory); }

std::shared_ptr<Client> make_curl_client(const ClientOptions& options) {
  if (!g_factory.load()) core::load_module("genops_http");
  const auto factory = g_factory.load();
  if (!factory)
    throw core::Error(core::ErrorKind::internal, "genops_http.so: loaded, but it registered no HTTP client",
                      {"reinstall genops: the module does not match the binary"});
  return factory(options);
}

}  // namespace genops::providers::http
