#pragma once
// Small helpers for tests of providers/http against the loopback server.
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "providers/http/client.hpp"

namespace genops::test {

// A request to `url` with test-sized timeouts.
inline providers::http::HttpRequest http_request(std::string url, std::string method = "POST") {
  providers::http::HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.headers = {{"Content-Type", "application/json"}};
  request.body = R"({"q":1})";
  request.timeout = std::chrono::seconds(10);
  request.connect_timeout = std::chrono::seconds(5);
  return request;
}

// Sends and waits for the reply; throws when `done` is not called in time.
inline providers::http::HttpResponse call(providers::http::Client& client, providers::http::HttpRequest request,
                                          providers::http::ChunkHandler on_chunk = {},
                                          std::chrono::seconds limit = std::chrono::seconds(30)) {
  auto promise = std::make_shared<std::promise<providers::http::HttpResponse>>();
  auto future = promise->get_future();
  client.send(
      std::move(request), [promise](providers::http::HttpResponse r) { promise->set_value(std::move(r)); },
      std::move(on_chunk));
  if (future.wait_for(limit) != std::future_status::ready) throw std::runtime_error("no reply in time");
  return future.get();
}

// Collects debug lines from a client, thread-safely.
struct LogCapture {
  std::mutex mutex;
  std::vector<std::string> lines;

  providers::http::LogSink sink() {
    return [this](std::string_view line) {
      std::lock_guard lock(mutex);
      lines.emplace_back(line);
    };
  }
  std::string joined() {
    std::lock_guard lock(mutex);
    std::string all;
    for (const auto& line : lines) all += line + "\n";
    return all;
  }
};

}  // namespace genops::test
