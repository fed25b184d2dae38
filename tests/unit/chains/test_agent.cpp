#include <doctest/doctest.h>

#include "tests/unit/chains/chain_test_helpers.hpp"

using namespace genops;
using chains::RunStatus;
using core::llm::Outcome;
using core::llm::Request;
using core::llm::ToolCall;
using test::FakeModelClient;

namespace {

std::string agent_chain(int max_turns) {
  return R"(version: 1
name: helper
inputs:
  question: {type: string}
steps:
  - id: agent
    kind: agent
    max_turns: )" + std::to_string(max_turns) + R"(
    messages: [{role: user, content: "{{inputs.question}}"}]
    tools:
      - name: lookup_order
        description: Look up an order
        parameters: {type: object, required: [order_id], properties: {order_id: {type: string}}}
        step: {kind: transform, template: "order {{args.order_id}}: shipped"}
      - name: refund_policy
        chain: policy.yaml
)";
}

void write_policy(const test::TempDir& dir) {
  dir.write("policy.yaml", "version: 1\nname: policy\ninputs:\n  topic: {type: string, default: refunds}\nsteps:\n"
                           "  - {id: p, kind: transform, template: \"{{inputs.topic}}: 14 days\"}\n");
}

ToolCall call(std::string id, std::string name, std::string args) { return {std::move(id), std::move(name), std::move(args)}; }

}  // namespace

TEST_CASE("chains agent: calls only declared tools, each recorded, then answers") {
  test::TempDir dir;
  write_policy(dir);
  auto set = test::load_text(dir, agent_chain(5));
  test::Harness h(set, [](const Request& r, std::size_t n) -> Outcome {
    if (n == 0) return FakeModelClient::response("", {call("c1", "lookup_order", R"({"order_id": "42"})"), call("c2", "refund_policy", "{}")});
    if (n == 1) return FakeModelClient::response("", {call("c3", "delete_everything", "{}")});
    if (n == 2) return FakeModelClient::response("", {call("c4", "lookup_order", R"({"id": 1})")});
    std::string seen;
    for (const auto& m : r.messages) {
      if (m.role == "tool") seen += m.content + "|";
    }
    return FakeModelClient::response("final: " + seen);
  });
  auto r = h.run({{"question", "Where is order 42?"}});
  REQUIRE(r.status == RunStatus::succeeded);
  CHECK(r.outputs["output"] ==
        "final: order 42: shipped|{\"output\":\"refunds: 14 days\"}|error: tool delete_everything is not available; "
        "use one of: lookup_order, refund_policy|error: arguments do not match the tool's parameters: $: missing "
        "required property \"order_id\"|");
  CHECK(h.local().calls() == 4);
  CHECK(h.local().requests().front().tools.size() == 2);
  auto refused = h.sink.steps_of("delete_everything");
  REQUIRE(refused.size() == 1);
  CHECK(refused.front().status == "refused");
  CHECK(refused.front().kind == "tool");
  REQUIRE(h.warnings.size() == 1);
  CHECK(h.warnings.front().find("undeclared tool \"delete_everything\" refused (declared: lookup_order, refund_policy)") !=
        std::string::npos);
  CHECK(h.sink.steps_of("lookup_order").size() == 3);  // two tool calls and the transform they ran
  CHECK(h.sink.steps_of("agent").size() == 5);         // four turns and the agent
}

TEST_CASE("chains agent: stops at max_turns while still calling tools") {
  test::TempDir dir;
  write_policy(dir);
  auto set = test::load_text(dir, agent_chain(3));
  test::Harness h(set, [](const Request&, std::size_t) -> Outcome {
    return FakeModelClient::response("", {call("c", "refund_policy", "{}")});
  });
  auto r = h.run({{"question", "loop forever"}});
  CHECK(r.status == RunStatus::failed);
  CHECK(r.error_kind == core::ErrorKind::check_failed);
  CHECK(r.error == "step agent: agent stopped at max_turns (3) while still calling tools: refund_policy");
  CHECK(h.local().calls() == 3);
}
