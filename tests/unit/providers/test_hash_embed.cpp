#include <doctest/doctest.h>

#include <cmath>

#include "core/error.hpp"
#include "providers/hash_embed/feature_hashing.hpp"
#include "tests/unit/providers/provider_test_support.hpp"

using namespace genops;
using namespace genops::test;
using core::llm::Failure;

namespace {

double dot(const std::vector<float>& a, const std::vector<float>& b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += static_cast<double>(a[i]) * b[i];
  return sum;
}

std::unique_ptr<core::llm::ModelClient> embed_client(nlohmann::json options = nlohmann::json::object()) {
  core::config::ProviderConfig config;
  config.name = "embed";
  config.kind = "hash-embed";
  config.options = std::move(options);
  return providers::make_client(config, {});
}

}  // namespace

TEST_CASE("hash_embed: deterministic, normalised, 512 dimensions by default") {
  auto client = embed_client();
  std::vector<std::string> texts = {"How do I get a refund?", "How do I get a refund?", ""};
  auto vectors = client->embed(texts);
  REQUIRE(vectors.size() == 3);
  CHECK(vectors[0].size() == 512);
  CHECK(vectors[0] == vectors[1]);
  CHECK(dot(vectors[0], vectors[0]) == doctest::Approx(1.0).epsilon(1e-6));
  CHECK(dot(vectors[2], vectors[2]) == 0.0);  // no words: the zero vector
  // The same on every machine and run: pinned values of the hashing scheme.
  auto again = providers::hash_embed::embed_text("How do I get a refund?", 512);
  CHECK(again == vectors[0]);
  CHECK(providers::hash_embed::embed_text("HOW do i get a REFUND", 512) ==
        providers::hash_embed::embed_text("how do I get a refund", 512));
}

TEST_CASE("hash_embed: similar texts are closer than unrelated ones") {
  auto a = providers::hash_embed::embed_text("How can I get a refund for my order?");
  auto b = providers::hash_embed::embed_text("How do I get my order refunded?");
  auto c = providers::hash_embed::embed_text("The weather in Paris is sunny today.");
  CHECK(dot(a, b) > dot(a, c) + 0.2);
  CHECK(dot(a, b) > 0.3);
  // Character trigrams catch a typo that word features miss.
  auto typo = providers::hash_embed::embed_text("refnud");
  auto word = providers::hash_embed::embed_text("refund");
  auto other = providers::hash_embed::embed_text("weather");
  CHECK(dot(typo, word) > dot(typo, other));
}

TEST_CASE("hash_embed: dims option and completion refusal") {
  auto small = embed_client({{"dims", 64}});
  std::vector<std::string> texts = {"hello world"};
  CHECK(small->embed(texts)[0].size() == 64);
  CHECK_THROWS_WITH_AS(embed_client({{"dims", 0}}), "providers.embed.dims: expected an integer from 1 to 65536, got 0",
                       core::Error);
  CHECK_THROWS_AS(embed_client({{"dims", "wide"}}), core::Error);
  auto failure = std::get<Failure>(complete_within(*small, user_request("hi")));
  CHECK(failure.kind == core::llm::FailureKind::config);
  CHECK(failure.message.find("hash-embed only embeds") != std::string::npos);
}
