#pragma once
// Usage and cost for every reply: a decorator over any ModelClient that
// estimates usage the reply did not report (marked estimated) and prices it.
#include <memory>

#include "core/llm/model_client.hpp"
#include "providers/pricing/price_table.hpp"

namespace genops::providers::pricing {

class MeteredClient final : public core::llm::ModelClient {
 public:
  // `builtin`: whether the built-in table may price this provider (vendor endpoints only).
  MeteredClient(std::unique_ptr<core::llm::ModelClient> inner, PriceTable prices, BuiltinPrices builtin);

  // Forwards to the inner client; on a Response with no token counts, fills
  // estimates (~4 bytes a token) and sets usage.estimated; sets cost_usd from
  // the price of the request's model, else the reported one; 0 when unknown.
  void submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token = {}) override;
  std::vector<std::vector<float>> embed(std::span<const std::string> texts) override { return m_inner->embed(texts); }
  const std::string& name() const override { return m_inner->name(); }
  const std::string& model() const override { return m_inner->model(); }

 private:
  std::unique_ptr<core::llm::ModelClient> m_inner;
  std::shared_ptr<const PriceTable> m_prices;
  BuiltinPrices m_builtin;
};

}  // namespace genops::providers::pricing
