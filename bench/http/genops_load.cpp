#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

#include "bench/http/load.hpp"
#include "providers/http/client.hpp"

namespace genops::bench {

using namespace providers::http;

LoadResult run_genops_load(const LoadSpec& spec) {
  ClientOptions options;
  options.max_connections = spec.max_connections;
  auto client = make_curl_client(options);
  HttpRequest request;
  request.url = spec.url;
  request.body = spec.body;
  request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer sk-bench"}};
  request.max_retries = 0;

  std::atomic<std::size_t> started{0};
  std::atomic<std::size_t> ok{0};
  std::atomic<std::size_t> failed{0};
  std::mutex mutex;
  std::condition_variable finished;
  std::function<void()> start_next = [&] {
    if (started.fetch_add(1) >= spec.requests) return;
    client->send(request, [&](HttpResponse r) {
      (r.ok() ? ok : failed).fetch_add(1);
      if (ok + failed == spec.requests) {
        std::lock_guard lock(mutex);
        finished.notify_all();
      } else {
        start_next();
      }
    });
  };
  const auto begin = std::chrono::steady_clock::now();
  for (int i = 0; i < spec.concurrency; ++i) start_next();
  {
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return ok + failed >= spec.requests; });
  }
  const auto end = std::chrono::steady_clock::now();
  return {ok.load(), failed.load(), std::chrono::duration<double>(end - begin).count()};
}

}  // namespace genops::bench
