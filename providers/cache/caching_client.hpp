#pragma once
// The response cache in front of a ModelClient: a hit answers without a call;
// a miss calls and stores the successful reply. CachePolicy::bypass skips the
// lookup but still stores, so a `--no-cache` run refreshes the cache.
#include <memory>

#include "core/llm/cache.hpp"
#include "core/llm/model_client.hpp"
#include "providers/cache/cache_key.hpp"
#include "providers/http/timers.hpp"

namespace genops::providers::cache {

class CachingClient final : public core::llm::ModelClient {
 public:
  // `cache` must outlive the client; `timers` delivers hits off the caller's thread.
  CachingClient(std::unique_ptr<core::llm::ModelClient> inner, core::llm::ResponseCache& cache,
                ProviderIdentity identity, std::shared_ptr<http::Timers> timers);

  // A hit: the stored response with cache_hit set, cost_usd 0, retries 0 and
  // the lookup's latency; a streaming caller gets its text as one delta.
  // Failures are never stored. Cache errors read as misses and lost writes.
  void submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token = {}) override;
  std::vector<std::vector<float>> embed(std::span<const std::string> texts) override { return m_inner->embed(texts); }
  const std::string& name() const override { return m_inner->name(); }
  const std::string& model() const override { return m_inner->model(); }

 private:
  std::unique_ptr<core::llm::ModelClient> m_inner;
  core::llm::ResponseCache& m_cache;
  ProviderIdentity m_identity;
  std::shared_ptr<http::Timers> m_timers;
};

}  // namespace genops::providers::cache
