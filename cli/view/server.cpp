#include "cli/view/server.hpp"

#include <mutex>
#include <vector>

#include "cli/view/http_transport.hpp"
#include "cli/view/pages.hpp"
#include "core/error.hpp"

namespace genops::cli::view {

const char* const k_content_security_policy =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

namespace {

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
  std::unique_ptr<HttpTransport> transport;
  int port = -1;

  Impl(ViewServices s, std::string t, ServerOptions o)
      : services(std::move(s)), token(std::move(t)), options(o), links(token), stores(services) {}

  std::optional<HttpResponse> admit(const HttpRequest& req) const {
    auto given = req.params.find("token");
    if (given == req.params.end() || !same_secret(given->second, token))
      return HttpResponse{403, "403 Forbidden: this genops view needs the token printed by `genops view`\n", "text/plain", ""};
    return std::nullopt;
  }

  HttpResponse serve(const HttpRequest& req) {
    bool post = req.method == "POST";
    if (!post && req.method != "GET" && req.method != "HEAD") return {405, "", "text/plain", ""};
    auto store = stores.acquire();
    PageContext ctx{*store, links, services, req.params};
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
    if (!result.redirect.empty()) return {303, "", "text/html; charset=utf-8", result.redirect};
    return {result.status, std::move(result.html), "text/html; charset=utf-8", ""};
  }

  TransportOptions transport_options() const {
    return {options.workers, options.queue,
            {{"Content-Security-Policy", k_content_security_policy},
             {"X-Content-Type-Options", "nosniff"},
             {"Referrer-Policy", "no-referrer"},
             {"Cache-Control", "no-store"}},
            64 * 1024};
  }
};

ViewServer::ViewServer(ViewServices services, std::string token, ServerOptions options)
    : m_impl(std::make_unique<Impl>(std::move(services), std::move(token), options)) {
  auto* impl = m_impl.get();
  m_impl->transport = make_http_transport(
      impl->transport_options(),
      {[impl](const HttpRequest& req) { return impl->admit(req); }, [impl](const HttpRequest& req) { return impl->serve(req); }});
}

ViewServer::~ViewServer() { stop(); }

int ViewServer::bind() {
  auto& impl = *m_impl;
  impl.port = impl.transport->bind(impl.options.port);
  if (impl.port <= 0)
    core::fail_usage("--port " + std::to_string(impl.options.port) + ": cannot listen on 127.0.0.1 there",
                     {"another program may be using it; leave --port out to let genops pick a free one"});
  return impl.port;
}

void ViewServer::start() { m_impl->transport->start(); }

bool ViewServer::running() const { return m_impl->transport->running(); }

void ViewServer::stop() { m_impl->transport->stop(); }

}  // namespace genops::cli::view
