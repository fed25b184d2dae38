#include <doctest/doctest.h>

#include "providers/pricing/price_table.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/providers/provider_test_support.hpp"

using namespace genops;
using namespace genops::test;
using providers::pricing::BuiltinPrices;
using providers::pricing::PriceTable;

TEST_CASE("pricing::PriceTable: built-in prices, snapshots and overrides") {
  PriceTable table({{"gpt-4o-mini", {1.0, 2.0}}, {"llama3.1:8b", {0.01, 0.02}}});
  SUBCASE("an override wins over the built-in price, for any provider") {
    auto price = table.find("gpt-4o-mini", BuiltinPrices::apply);
    REQUIRE(price);
    CHECK(price->input == 1.0);
    CHECK(table.find("llama3.1:8b", BuiltinPrices::ignore)->output == 0.02);
  }
  SUBCASE("built-in prices apply to vendor endpoints only") {
    CHECK(table.find("gpt-4o", BuiltinPrices::apply)->input == 2.50);
    CHECK_FALSE(table.find("gpt-4o", BuiltinPrices::ignore));
    CHECK(table.find("claude-sonnet-4-5", BuiltinPrices::apply)->output == 15.0);
  }
  SUBCASE("a dated snapshot takes its model's price; another model does not") {
    CHECK(table.find("gpt-4o-2024-08-06", BuiltinPrices::apply)->input == 2.50);
    CHECK(table.find("claude-sonnet-4-5-20250929", BuiltinPrices::apply)->input == 3.0);
    CHECK(table.find("claude-opus-4-1", BuiltinPrices::apply)->input == 15.0);
    CHECK(table.find("gpt-4o-mini-2024-07-18", BuiltinPrices::ignore)->input == 1.0);  // override prefix
    CHECK_FALSE(table.find("gpt-4o-audio-preview", BuiltinPrices::apply));
    CHECK_FALSE(table.find("unknown-model", BuiltinPrices::apply));
    CHECK_FALSE(table.find("", BuiltinPrices::apply));
  }
  SUBCASE("cost is per million tokens") {
    CHECK(PriceTable::cost({0.15, 0.60}, {1'000'000, 500'000, false}) == doctest::Approx(0.15 + 0.30));
  }
}

TEST_CASE("pricing: a mock priced in genops.yaml costs what the table says") {
  struct { TempDir dir; } holder;
  holder.dir.write("m.yaml", "version: 1\nresponses:\n  - default: true\n    reply: ok\n"
                             "    usage: {input_tokens: 1000, output_tokens: 500}\n");
  core::config::ProviderConfig config;
  config.name = "local";
  config.kind = "mock";
  config.model = "mock-model";
  config.options["responses"] = (holder.dir.path() / "m.yaml").string();
  providers::ClientDeps deps;
  deps.prices["mock-model"] = {10.0, 20.0};
  auto client = providers::make_client(config, deps);
  auto r = std::get<core::llm::Response>(complete_within(*client, user_request("x")));
  CHECK(r.cost_usd == doctest::Approx((1000 * 10.0 + 500 * 20.0) / 1e6));
}
