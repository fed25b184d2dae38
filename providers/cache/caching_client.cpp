#include "providers/cache/caching_client.hpp"

#include "providers/cache/cached_response.hpp"

namespace genops::providers::cache {

using core::llm::Response;

CachingClient::CachingClient(std::unique_ptr<core::llm::ModelClient> inner, core::llm::ResponseCache& cache,
                             ProviderIdentity identity, std::shared_ptr<http::Timers> timers)
    : m_inner(std::move(inner)), m_cache(cache), m_identity(std::move(identity)), m_timers(std::move(timers)) {}

void CachingClient::submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token) {
  auto start = std::chrono::steady_clock::now();
  std::string key = cache_key(m_identity, request.model.empty() ? m_inner->model() : request.model, request);
  if (request.cache == core::llm::CachePolicy::use) {
    std::optional<Response> hit;
    try {
      if (auto stored = m_cache.get(key)) hit = deserialize_response(*stored);
    } catch (...) {
      hit.reset();  // a broken cache must not break the run: call the model instead
    }
    if (hit) {
      hit->cache_hit = true;
      hit->cost_usd = 0.0;
      hit->latency = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
      m_timers->call_after(std::chrono::microseconds{0}, [response = std::move(*hit), done = std::move(done),
                                                           on_token = std::move(on_token)]() mutable {
        if (on_token && !response.text.empty()) on_token(response.text);
        done(std::move(response));
      });
      return;
    }
  }
  auto store = [cache = &m_cache, key = std::move(key), done = std::move(done)](core::llm::Outcome outcome) {
    if (const auto* response = std::get_if<Response>(&outcome)) {
      try {
        cache->put(key, serialize_response(*response));
      } catch (...) {
        // A lost cache write costs a later call, nothing more.
      }
    }
    done(std::move(outcome));
  };
  m_inner->submit(std::move(request), std::move(store), std::move(on_token));
}

}  // namespace genops::providers::cache
