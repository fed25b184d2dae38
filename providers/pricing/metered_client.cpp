#include "providers/pricing/metered_client.hpp"

#include "providers/common/usage.hpp"

namespace genops::providers::pricing {

MeteredClient::MeteredClient(std::unique_ptr<core::llm::ModelClient> inner, PriceTable prices, BuiltinPrices builtin)
    : m_inner(std::move(inner)), m_prices(std::make_shared<const PriceTable>(std::move(prices))), m_builtin(builtin) {}

void MeteredClient::submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token) {
  std::string model = request.model.empty() ? m_inner->model() : request.model;
  std::int64_t input_estimate = common::estimate_input_tokens(request);
  auto meter = [prices = m_prices, builtin = m_builtin, model, input_estimate,
                done = std::move(done)](core::llm::Outcome outcome) {
    if (auto* response = std::get_if<core::llm::Response>(&outcome)) {
      auto& usage = response->usage;
      if (usage.input_tokens == 0 && usage.output_tokens == 0) {
        usage.input_tokens = input_estimate;
        usage.output_tokens = common::estimate_output_tokens(*response);
        usage.estimated = true;
      }
      auto price = prices->find(model, builtin);
      if (!price) price = prices->find(response->model, builtin);
      response->cost_usd = price ? PriceTable::cost(*price, usage) : 0.0;
    }
    done(std::move(outcome));
  };
  m_inner->submit(std::move(request), std::move(meter), std::move(on_token));
}

}  // namespace genops::providers::pricing
