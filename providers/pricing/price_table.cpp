#include "providers/pricing/price_table.hpp"

#include <cctype>

namespace genops::providers::pricing {

namespace {

struct BuiltinPrice {
  std::string_view model;
  double input;   // USD per 1M input tokens
  double output;  // USD per 1M output tokens
};

// Standard (non-batch, non-cached) prices, taken on k_builtin_prices_date from
// openai.com/api/pricing and anthropic.com/pricing. Update both together.
constexpr BuiltinPrice k_builtin[] = {
    {"gpt-5", 1.25, 10.00},
    {"gpt-5-mini", 0.25, 2.00},
    {"gpt-5-nano", 0.05, 0.40},
    {"gpt-4.1", 2.00, 8.00},
    {"gpt-4.1-mini", 0.40, 1.60},
    {"gpt-4.1-nano", 0.10, 0.40},
    {"gpt-4o", 2.50, 10.00},
    {"gpt-4o-mini", 0.15, 0.60},
    {"o3", 2.00, 8.00},
    {"o4-mini", 1.10, 4.40},
    {"text-embedding-3-small", 0.02, 0.0},
    {"text-embedding-3-large", 0.13, 0.0},
    {"claude-opus-4-1", 15.00, 75.00},
    {"claude-opus-4-0", 15.00, 75.00},
    {"claude-opus-4", 15.00, 75.00},
    {"claude-sonnet-4-5", 3.00, 15.00},
    {"claude-sonnet-4-0", 3.00, 15.00},
    {"claude-sonnet-4", 3.00, 15.00},
    {"claude-3-7-sonnet", 3.00, 15.00},
    {"claude-haiku-4-5", 1.00, 5.00},
    {"claude-3-5-haiku", 0.80, 4.00},
};

// "-2024-07-18", "-20250929", "-latest": suffixes that name a snapshot of the same model.
bool is_snapshot_suffix(std::string_view rest) {
  if (rest == "-latest") return true;
  if (rest.size() < 2 || rest.front() != '-') return false;
  int digits = 0;
  for (char c : rest.substr(1)) {
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (c != '-') return false;
  }
  return digits >= 6;  // a date; "-5" in "claude-sonnet-4-5" is another model
}

bool names_model(std::string_view entry, std::string_view model) {
  if (model == entry) return true;
  return model.size() > entry.size() && model.substr(0, entry.size()) == entry &&
         is_snapshot_suffix(model.substr(entry.size()));
}

}  // namespace

PriceTable::PriceTable(std::map<std::string, core::config::Price> overrides) : m_overrides(std::move(overrides)) {}

std::optional<core::config::Price> PriceTable::find(std::string_view model, BuiltinPrices builtin) const {
  if (model.empty()) return std::nullopt;
  if (auto exact = m_overrides.find(std::string(model)); exact != m_overrides.end()) return exact->second;
  for (const auto& [name, price] : m_overrides) {
    if (names_model(name, model)) return price;
  }
  if (builtin == BuiltinPrices::ignore) return std::nullopt;
  for (const auto& entry : k_builtin) {
    if (names_model(entry.model, model)) return core::config::Price{entry.input, entry.output};
  }
  return std::nullopt;
}

double PriceTable::cost(const core::config::Price& price, const core::llm::Usage& usage) {
  return (static_cast<double>(usage.input_tokens) * price.input +
          static_cast<double>(usage.output_tokens) * price.output) /
         1'000'000.0;
}

}  // namespace genops::providers::pricing
