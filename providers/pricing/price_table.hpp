#pragma once
// Model prices in USD per 1M tokens: a dated built-in table of the OpenAI and
// Anthropic models most used, overridden by genops.yaml `prices:`.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/provider_config.hpp"
#include "core/llm/types.hpp"

namespace genops::providers::pricing {

// When the built-in prices were copied from the vendors' pricing pages.
inline constexpr const char* k_builtin_prices_date = "2025-10-01";

// What a batch call costs, as a share of the live price (both OpenAI's Batch
// API and Anthropic's Message Batches bill 50 % of input and output tokens, as
// of k_builtin_prices_date). Applied to overrides from genops.yaml too.
inline constexpr double k_batch_price_factor = 0.5;

// Whether the built-in table may price a provider: only the vendors' own
// endpoints; a local server that happens to serve "gpt-4o" costs nothing.
enum class BuiltinPrices { apply, ignore };

class PriceTable {
 public:
  // `overrides`: genops.yaml prices:, by model name.
  explicit PriceTable(std::map<std::string, core::config::Price> overrides = {});

  // The price of `model`: an override, else (when `builtin` is apply) the
  // built-in entry. A name also matches an entry it extends by a date or
  // "-latest" suffix ("gpt-4o-mini-2024-07-18" -> "gpt-4o-mini"). Nullopt when unknown.
  std::optional<core::config::Price> find(std::string_view model, BuiltinPrices builtin) const;

  // USD for `usage` at `price`.
  static double cost(const core::config::Price& price, const core::llm::Usage& usage);

 private:
  std::map<std::string, core::config::Price> m_overrides;
};

}  // namespace genops::providers::pricing
