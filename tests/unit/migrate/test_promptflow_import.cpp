#include <doctest/doctest.h>

#include "core/error.hpp"
#include "migrate/promptflow/import.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops;
using namespace genops::migrate::promptflow;

namespace {

const char* k_flow = R"(inputs:
  topic: {type: string}
  n: {type: int, default: 3}
outputs:
  text: {type: string, reference: "${write.output}"}
nodes:
- name: route
  type: python
  source: {type: code, path: route.py}
  inputs: {topic: "${inputs.topic}"}
- name: write
  type: llm
  source: {type: code, path: write.jinja2}
  inputs:
    deployment_name: my-deployment
    temperature: "0.3"
    max_tokens: "64"
    presence_penalty: 0.5
    topic: ${inputs.topic}
  connection: my_conn
  api: completion
  activate: {when: "${route.output.kind}", is: "it's long"}
)";

std::string file_text(const ImportPlan& plan, const std::string& path) {
  for (const auto& f : plan.files)
    if (f.path == path) return f.content;
  return "(no file " + path + ")";
}

ImportPlan plan_of(const test::TempDir& dir, const std::string& flow) {
  dir.write("flow/flow.dag.yaml", flow);
  dir.write("flow/route.py", "from promptflow.core import tool\n\n@tool\ndef route(topic: str) -> dict:\n    return {}\n");
  dir.write("flow/write.jinja2", "Write about {{ topic }}.\n");
  ImportOptions options;
  options.flow = dir.path() / "flow";
  return plan_import(options);
}

}  // namespace

TEST_CASE("promptflow::plan_import: nodes, settings and activate") {
  test::TempDir dir;
  auto plan = plan_of(dir, k_flow);
  CHECK(plan.chain_file == "chains/flow.yaml");
  CHECK(plan.nodes == 2);
  auto chain = file_text(plan, "chains/flow.yaml");
  CHECK(chain.find("    when: steps.route.output.kind == 'it\\'s long'\n") != std::string::npos);
  CHECK(chain.find("      - tools/route.py\n      - route\n") != std::string::npos);
  CHECK(chain.find("  n:\n    type: integer\n    default: 3\n") != std::string::npos);
  auto prompt = file_text(plan, "prompts/write.yaml");
  CHECK(prompt.find("model:\n  provider: my_conn\n  temperature: 0.3\n  max_tokens: 64\n  model: my-deployment\n") != std::string::npos);
  CHECK(prompt.find("messages:\n  - role: user\n    content: Write about {{topic}}.\n") != std::string::npos);
  auto readme = file_text(plan, "README.md");
  CHECK(readme.find("Node `write`: the model setting `presence_penalty` has no genops counterpart and was left out.") != std::string::npos);
  CHECK(readme.find("Node `write`: `api: completion` runs as a chat completion (one user message).") != std::string::npos);
}

TEST_CASE("promptflow::plan_import: errors") {
  test::TempDir dir;
  SUBCASE("a reference to no node is unsupported, listed with its place") {
    std::string flow = k_flow;
    flow.replace(flow.find("${write.output}"), 15, "${writer.output}");
    try {
      plan_of(dir, flow);
      FAIL("no error");
    } catch (const core::Error& e) {
      CHECK(std::string(e.what()).find("flow.dag.yaml: 1 item(s) have no genops counterpart") != std::string::npos);
      REQUIRE(e.context().size() == 1);
      CHECK(e.context()[0].find("flow.dag.yaml:5:35: outputs.text.reference: the reference `${writer.output}` is not supported") != std::string::npos);
    }
  }
  SUBCASE("a missing template file") {
    std::string flow = k_flow;
    flow.replace(flow.find("write.jinja2"), 12, "gone.jinja2");
    try {
      plan_of(dir, flow);
      FAIL("no error");
    } catch (const core::Error& e) {
      CHECK(std::string(e.what()).find("flow.dag.yaml:13:30: nodes[1].source.path: no such file: ") != std::string::npos);
    }
  }
}
