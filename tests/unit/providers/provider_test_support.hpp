#pragma once
// Helpers for tests of the provider kinds: a loopback server, a real curl
// client and timer thread, a fake environment, and blocking calls with a deadline.
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/llm/cache.hpp"
#include "core/llm/model_client.hpp"
#include "providers/http/client.hpp"
#include "providers/http/timers.hpp"
#include "providers/registry.hpp"
#include "tests/support/loopback_server.hpp"

namespace genops::test {

// Members are destroyed in reverse order: clients before the server.
struct KindFixture {
  LoopbackServer server;
  std::shared_ptr<providers::http::Client> http = providers::http::make_curl_client({.backoff_scale = 0.001});
  std::shared_ptr<providers::http::Timers> timers = providers::http::make_timer_thread();
  std::map<std::string, std::string> env;
  core::llm::ResponseCache* cache = nullptr;

  providers::ClientDeps deps() {
    providers::ClientDeps out;
    out.http = http;
    out.timers = timers;
    out.cache = cache;
    out.getenv = [env = env](std::string_view name) -> std::optional<std::string> {
      auto it = env.find(std::string(name));
      if (it == env.end()) return std::nullopt;
      return it->second;
    };
    return out;
  }

  // A provider of `kind` pointed at the loopback server under `path`, no retries.
  core::config::ProviderConfig config(std::string kind, std::string model, std::string path = "") {
    core::config::ProviderConfig out;
    out.name = "p";
    out.kind = std::move(kind);
    out.model = std::move(model);
    out.base_url = server.url(path);
    out.limits.max_retries = 0;
    out.limits.timeout = std::chrono::seconds(10);
    return out;
  }

  std::unique_ptr<core::llm::ModelClient> client(const core::config::ProviderConfig& config) {
    return providers::make_client(config, deps());
  }

  // The JSON body of the i-th recorded request.
  nlohmann::json body(std::size_t i = 0) const { return nlohmann::json::parse(server.requests().at(i).body); }
};

// complete() with a deadline, so a lost completion fails the test instead of hanging it.
inline core::llm::Outcome complete_within(core::llm::ModelClient& client, core::llm::Request request,
                                          core::llm::TokenSink on_token = {},
                                          std::chrono::seconds limit = std::chrono::seconds(20)) {
  auto promise = std::make_shared<std::promise<core::llm::Outcome>>();
  auto future = promise->get_future();
  client.submit(std::move(request), [promise](core::llm::Outcome outcome) { promise->set_value(std::move(outcome)); },
                std::move(on_token));
  if (future.wait_for(limit) != std::future_status::ready) throw std::runtime_error("no completion in time");
  return future.get();
}

// A request of one user message.
inline core::llm::Request user_request(std::string text) {
  core::llm::Request request;
  request.messages.push_back({"user", std::move(text), {}, {}});
  return request;
}

// Collects streamed deltas, thread-safely.
struct TokenLog {
  std::mutex mutex;
  std::vector<std::string> deltas;
  core::llm::TokenSink sink() {
    return [this](std::string_view delta) {
      std::lock_guard lock(mutex);
      deltas.emplace_back(delta);
    };
  }
  std::string joined() {
    std::lock_guard lock(mutex);
    std::string out;
    for (const auto& d : deltas) out += d;
    return out;
  }
};

// An in-memory ResponseCache that counts its calls.
class MemoryCache final : public core::llm::ResponseCache {
 public:
  std::optional<std::string> get(const std::string& key) override {
    std::lock_guard lock(m_mutex);
    ++gets;
    auto it = m_values.find(key);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
  }
  void put(const std::string& key, const std::string& value) override {
    std::lock_guard lock(m_mutex);
    ++puts;
    m_values[key] = value;
  }
  std::size_t size() {
    std::lock_guard lock(m_mutex);
    return m_values.size();
  }
  int gets = 0;
  int puts = 0;

 private:
  std::mutex m_mutex;
  std::map<std::string, std::string> m_values;
};

}  // namespace genops::test
