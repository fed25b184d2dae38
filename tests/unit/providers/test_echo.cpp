#include <doctest/doctest.h>

#include "core/error.hpp"
#include "tests/unit/providers/provider_test_support.hpp"

using namespace genops;
using namespace genops::test;
using core::llm::Response;

namespace {

std::unique_ptr<core::llm::ModelClient> echo_client(nlohmann::json options = nlohmann::json::object()) {
  core::config::ProviderConfig config;
  config.name = "echo";
  config.kind = "echo";
  config.options = std::move(options);
  return providers::make_client(config, {});
}

core::llm::Request conversation() {
  core::llm::Request request;
  request.messages = {{"system", "Be brief.", {}, {}}, {"user", "Hello there", {}, {}}};
  return request;
}

}  // namespace

TEST_CASE("echo: replies with the last user message, with estimated usage") {
  auto client = echo_client();
  auto r = std::get<Response>(complete_within(*client, conversation()));
  CHECK(r.text == "Hello there");
  CHECK(r.finish_reason == "stop");
  CHECK(r.model == "echo");
  CHECK(r.usage.estimated);
  CHECK(r.usage.input_tokens == (4 + 3) + (4 + 3));  // two messages: framing + ceil(bytes / 4)
  CHECK(r.usage.output_tokens == 3);
  CHECK(r.cost_usd == 0.0);
}

TEST_CASE("echo: mode all joins every message; streaming gets one delta") {
  auto client = echo_client({{"mode", "all"}});
  TokenLog tokens;
  auto r = std::get<Response>(complete_within(*client, conversation(), tokens.sink()));
  CHECK(r.text == "system: Be brief.\nuser: Hello there");
  CHECK(tokens.joined() == r.text);
  CHECK_THROWS_WITH_AS(echo_client({{"mode", "loud"}}), "providers.echo.mode: expected last_user or all, got loud",
                       core::Error);
}
