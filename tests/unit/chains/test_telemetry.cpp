// The OTLP/JSON mapping (core/telemetry, chains/telemetry) and the telemetry settings (core/config/telemetry_config).
#include <doctest/doctest.h>

#include <map>
#include <vector>

#include "core/config/telemetry_config.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/redact.hpp"
#include "core/telemetry/otlp_json.hpp"
#include "chains/telemetry/run_spans.hpp"
#include "chains/telemetry/tracing_sink.hpp"
#include "../../support/memory_run_sink.hpp"

using namespace genops::core;
namespace tel {
using namespace genops::core::telemetry;
using namespace genops::chains::telemetry;
}  // namespace tel
using nlohmann::json;

namespace {

// The attribute `key` of a span or event, as its AnyValue; null when absent.
json attr(const json& owner, const std::string& key) {
  for (const auto& kv : owner["attributes"])
    if (kv["key"] == key) return kv["value"];
  return nullptr;
}

genops::chains::StepRecord llm_step() {
  genops::chains::StepRecord s;
  s.run_id = "3f2a9c1d5e6b7a80";
  s.seq = 2;
  s.parent_seq = 1;
  s.step_id = "answer";
  s.kind = "llm";
  s.prompt_ref = "support-answer@3";
  s.prompt_hash = "abc";
  s.provider = "gpt";
  s.model = "gpt-4o-mini";
  s.params_json = R"({"temperature":0.2,"max_tokens":256,"stop":["\n\n"]})";
  s.request = R"({"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}]})";
  s.output = "hello";
  s.input_tokens = 12;
  s.output_tokens = 3;
  s.cost_usd = 0.001;
  s.started_at = "2026-11-23T16:28:31.123Z";
  s.latency_us = 250'000;
  return s;
}

std::optional<std::string> env_of(const std::map<std::string, std::string>& vars, std::string_view name) {
  auto it = vars.find(std::string(name));
  if (it == vars.end()) return std::nullopt;
  return it->second;
}

config::OtlpSettings resolve(const config::TelemetryFile& file, std::map<std::string, std::string> vars) {
  return config::resolve_otlp(file, [vars](std::string_view n) { return env_of(vars, n); });
}

}  // namespace

TEST_CASE("telemetry::trace_id_of: a run id widened with zeros; other ids hashed") {
  CHECK(tel::trace_id_of("3F2A9C1D5E6B7A80") == "00000000000000003f2a9c1d5e6b7a80");
  CHECK(tel::trace_id_of("not-a-run-id").size() == 32);
  CHECK(tel::span_id_of("3f2a9c1d5e6b7a80", 1).size() == 16);
  CHECK(tel::span_id_of("3f2a9c1d5e6b7a80", 1) != tel::span_id_of("3f2a9c1d5e6b7a80", 2));
  CHECK(tel::span_id_of("3f2a9c1d5e6b7a80", 1) == tel::span_id_of("3f2a9c1d5e6b7a80", 1));
}

TEST_CASE("telemetry::unix_nanos: store timestamps, bad ones refused") {
  CHECK(tel::unix_nanos("1970-01-01T00:00:01.5Z") == 1'500'000'000);
  CHECK(tel::unix_nanos("2026-11-23T16:28:31.123Z") == 1'795'451'311'123'000'000);
  CHECK(tel::unix_nanos("2026-11-23T16:28:31Z") == 1'795'451'311'000'000'000);
  CHECK_FALSE(tel::unix_nanos("2026-13-23T16:28:31Z"));
  CHECK_FALSE(tel::unix_nanos("yesterday"));
  CHECK_FALSE(tel::unix_nanos("2026-11-23T16:28:31.12xZ"));
}

TEST_CASE("telemetry::step_span: an llm step per the GenAI conventions, OTLP JSON encoding") {
  tel::MappingOptions options;
  options.provider_kinds["gpt"] = "openai";
  const auto span = tel::step_span(llm_step(), options);
  CHECK(span["name"] == "chat gpt-4o-mini");
  CHECK(span["kind"] == 3);
  CHECK(span["traceId"] == "00000000000000003f2a9c1d5e6b7a80");
  CHECK(span["parentSpanId"] == tel::span_id_of("3f2a9c1d5e6b7a80", 1));
  CHECK(span["startTimeUnixNano"] == "1795451311123000000");
  CHECK(span["endTimeUnixNano"] == "1795451311373000000");
  CHECK(attr(span, "gen_ai.operation.name") == json{{"stringValue", "chat"}});
  CHECK(attr(span, "gen_ai.provider.name") == json{{"stringValue", "openai"}});
  CHECK(attr(span, "genops.provider") == json{{"stringValue", "gpt"}});
  CHECK(attr(span, "gen_ai.request.model") == json{{"stringValue", "gpt-4o-mini"}});
  CHECK(attr(span, "gen_ai.request.temperature") == json{{"doubleValue", 0.2}});
  CHECK(attr(span, "gen_ai.request.max_tokens") == json{{"intValue", "256"}});
  CHECK(attr(span, "gen_ai.request.stop_sequences") == json{{"arrayValue", {{"values", {{{"stringValue", "\n\n"}}}}}}});
  CHECK(attr(span, "gen_ai.usage.input_tokens") == json{{"intValue", "12"}});
  CHECK(attr(span, "gen_ai.usage.output_tokens") == json{{"intValue", "3"}});
  CHECK(attr(span, "gen_ai.prompt.name") == json{{"stringValue", "support-answer"}});
  CHECK(attr(span, "gen_ai.prompt.version") == json{{"stringValue", "3"}});
  CHECK(attr(span, "genops.cost_usd") == json{{"doubleValue", 0.001}});
  CHECK(attr(span, "gen_ai.input.messages").is_null());  // no content unless asked
  CHECK(attr(span, "gen_ai.output.messages").is_null());
  CHECK_FALSE(span.contains("status"));
}

TEST_CASE("telemetry::step_span: contents only with capture_content, redacted, in the GenAI message form") {
  register_secret("sk-telemetry-canary-1234");
  auto step = llm_step();
  step.request = R"({"messages":[{"role":"user","content":"my key is sk-telemetry-canary-1234"}]})";
  tel::MappingOptions options;
  options.capture_content = true;
  const auto span = tel::step_span(step, options);
  CHECK(attr(span, "gen_ai.input.messages") ==
        json{{"stringValue", R"([{"parts":[{"content":"my key is [REDACTED]","type":"text"}],"role":"user"}])"}});
  CHECK(attr(span, "gen_ai.output.messages") ==
        json{{"stringValue", R"([{"parts":[{"content":"hello","type":"text"}],"role":"assistant"}])"}});
  CHECK(dump_json(span).find("sk-telemetry-canary") == std::string::npos);
}

TEST_CASE("telemetry::step_span: content is cut at the limit on a UTF-8 boundary") {
  auto step = llm_step();
  step.kind = "transform";
  step.output = std::string(tel::k_max_content_bytes - 1, 'a') + "é";
  tel::MappingOptions options;
  options.capture_content = true;
  const auto out = attr(tel::step_span(step, options), "genops.step.output")["stringValue"].get<std::string>();
  CHECK(out == std::string(tel::k_max_content_bytes - 1, 'a') + "…[truncated]");
}

TEST_CASE("telemetry::step_span: tools, agents, other steps and failures") {
  auto step = llm_step();
  step.kind = "tool";
  step.step_id = "lookup";
  step.provider.clear();
  step.status = "refused";
  step.error = "tool lookup is not declared";
  auto span = tel::step_span(step, {});
  CHECK(span["name"] == "execute_tool lookup");
  CHECK(span["kind"] == 1);
  CHECK(attr(span, "gen_ai.tool.name") == json{{"stringValue", "lookup"}});
  CHECK(span["status"] == json{{"code", 2}, {"message", "tool lookup is not declared"}});
  CHECK(attr(span, "error.type") == json{{"stringValue", "refused"}});
  step.kind = "agent";
  step.step_id = "helper";
  step.status = "ok";
  CHECK(tel::step_span(step, {})["name"] == "invoke_agent helper");
  step.kind = "transform";
  step.step_id = "clean";
  span = tel::step_span(step, {});
  CHECK(span["name"] == "transform clean");
  CHECK(attr(span, "gen_ai.operation.name").is_null());
}

TEST_CASE("telemetry::run_span: the root span with totals; a failed run has status error") {
  genops::chains::RunRecord run;
  run.id = "3f2a9c1d5e6b7a80";
  run.name = "support";
  run.version = "v1";
  run.inputs_json = R"({"question":"hi"})";
  run.started_at = "2026-11-23T16:28:31.000Z";
  genops::chains::RunEnd end;
  end.id = run.id;
  end.status = "budget_exceeded";
  end.error = "over budget";
  end.ended_at = "2026-11-23T16:28:32.000Z";
  end.input_tokens = 40;
  end.cost_usd = 0.5;
  auto span = tel::run_span(run, end, {});
  CHECK(span["name"] == "chain support");
  CHECK(span["spanId"] == tel::span_id_of(run.id, 0));
  CHECK_FALSE(span.contains("parentSpanId"));
  CHECK(span["endTimeUnixNano"] == "1795451312000000000");
  CHECK(attr(span, "gen_ai.usage.input_tokens") == json{{"intValue", "40"}});
  CHECK(attr(span, "genops.run.status") == json{{"stringValue", "budget_exceeded"}});
  CHECK(span["status"] == json{{"code", 2}, {"message", "over budget"}});
  CHECK(attr(span, "genops.inputs").is_null());
  tel::MappingOptions content;
  content.capture_content = true;
  CHECK(attr(tel::run_span(run, end, content), "genops.inputs") == json{{"stringValue", R"({"question":"hi"})"}});
}

TEST_CASE("telemetry::eval_case_span: gen_ai.evaluation.result events under the case's run") {
  tel::EvalCase c;
  c.suite = "support";
  c.eval_run_id = "e1";
  c.case_key = "k1";
  c.run_id = "3f2a9c1d5e6b7a80";
  c.pass = false;
  c.score = 0.5;
  c.ended_at = "2026-11-23T16:28:32.000Z";
  c.latency_ms = 1000;
  c.evaluations = {{"icontains", 1.0, "pass", ""}, {"rougeL", 0.0, "fail", "below 0.5"}};
  auto span = tel::eval_case_span(c, {});
  CHECK(span["name"] == "evaluate support");
  CHECK(span["traceId"] == "00000000000000003f2a9c1d5e6b7a80");
  CHECK(span["parentSpanId"] == tel::span_id_of(c.run_id, 0));
  CHECK(span["startTimeUnixNano"] == "1795451311000000000");
  REQUIRE(span["events"].size() == 2);
  CHECK(span["events"][1]["name"] == "gen_ai.evaluation.result");
  CHECK(attr(span["events"][1], "gen_ai.evaluation.name") == json{{"stringValue", "rougeL"}});
  CHECK(attr(span["events"][1], "gen_ai.evaluation.score.value") == json{{"doubleValue", 0.0}});
  CHECK(attr(span["events"][1], "gen_ai.evaluation.score.label") == json{{"stringValue", "fail"}});
  CHECK(attr(span["events"][1], "gen_ai.evaluation.explanation").is_null());  // a reason is content
  c.run_id.clear();
  span = tel::eval_case_span(c, {});
  CHECK_FALSE(span.contains("parentSpanId"));
  CHECK(span["traceId"].get<std::string>().size() == 32);
}

TEST_CASE("telemetry::export_request: one resource, one scope, the service name") {
  tel::Resource resource;
  resource.service_name = "support-bot";
  resource.attributes = {{"deployment.environment", "prod"}};
  auto request = tel::export_request({json{{"name", "a"}}}, resource);
  const auto& rs = request["resourceSpans"][0];
  CHECK(attr(rs["resource"], "service.name") == json{{"stringValue", "support-bot"}});
  CHECK(attr(rs["resource"], "deployment.environment") == json{{"stringValue", "prod"}});
  CHECK(rs["scopeSpans"][0]["scope"]["name"] == "genops");
  CHECK(rs["scopeSpans"][0]["spans"].size() == 1);
}

TEST_CASE("telemetry::TracingSink: records reach the store sink and become spans") {
  struct Spans final : tel::SpanExporter {
    std::vector<json> got;
    void export_span(json span) noexcept override { got.push_back(std::move(span)); }
  } spans;
  genops::test::MemoryRunSink inner;
  tel::TracingSink sink(inner, spans, {});
  genops::chains::RunRecord run;
  run.id = "3f2a9c1d5e6b7a80";
  run.name = "support";
  run.started_at = "2026-11-23T16:28:31.000Z";
  sink.begin_run(run);
  sink.record_step(llm_step());
  genops::chains::RunEnd end;
  end.id = run.id;
  end.status = "succeeded";
  sink.end_run(end);
  CHECK(inner.runs.size() == 1);
  CHECK(inner.steps.size() == 1);
  CHECK(inner.steps[0].request == llm_step().request);  // the texts still reach the store
  REQUIRE(spans.got.size() == 2);
  CHECK(spans.got[0]["name"] == "chat gpt-4o-mini");
  CHECK(spans.got[1]["name"] == "chain support");
}

TEST_CASE("config::resolve_otlp: off by default; the environment over genops.yaml") {
  CHECK(resolve({}, {}).traces_url.empty());
  config::TelemetryFile file;
  file.endpoint = "http://collector:4318/";
  file.headers = {{"Authorization", "${OTLP_AUTH}"}, {"x-team", "ml"}};
  auto s = resolve(file, {{"OTLP_AUTH", "Basic abc"}});
  CHECK(s.traces_url == "http://collector:4318/v1/traces");
  CHECK(s.origin == "genops.yaml");
  CHECK(s.headers == config::Headers{{"Authorization", "Basic abc"}, {"x-team", "ml"}});
  s = resolve(file, {{"OTLP_AUTH", "x"}, {"OTEL_EXPORTER_OTLP_ENDPOINT", "https://otel.example.com/api/public/otel"},
                     {"OTEL_EXPORTER_OTLP_HEADERS", "authorization=Basic%20cGs6c2s=, x-extra = 1"},
                     {"OTEL_SERVICE_NAME", "bot"}, {"OTEL_EXPORTER_OTLP_TIMEOUT", "2500"}});
  CHECK(s.traces_url == "https://otel.example.com/api/public/otel/v1/traces");
  CHECK(s.origin == "env OTEL_EXPORTER_OTLP_ENDPOINT");
  CHECK(s.headers == config::Headers{{"Authorization", "Basic cGs6c2s="}, {"x-team", "ml"}, {"x-extra", "1"}});
  CHECK(s.service_name == "bot");
  CHECK(s.timeout == std::chrono::milliseconds(2500));
  s = resolve(file, {{"OTLP_AUTH", "x"}, {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://h:5000/custom"},
                     {"OTEL_EXPORTER_OTLP_ENDPOINT", "http://other:4318"}});
  CHECK(s.traces_url == "http://h:5000/custom");
  CHECK(resolve(file, {{"OTEL_SDK_DISABLED", "true"}}).traces_url.empty());
  CHECK(resolve(file, {{"OTEL_TRACES_EXPORTER", "none"}}).traces_url.empty());
  CHECK(resolve(file, {{"OTLP_AUTH", "x"}, {"OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "True"}}).capture_content);
  CHECK(resolve(file, {{"OTLP_AUTH", "x"}, {"OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"}}).notes.size() == 1);
}

TEST_CASE("config::resolve_otlp: bad values name the variable, never the value") {
  config::TelemetryFile file;
  file.endpoint = "http://collector:4318";
  try {
    resolve(file, {{"OTEL_EXPORTER_OTLP_HEADERS", "secret-token-value"}});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::invalid_input);
    CHECK(std::string(e.what()).find("OTEL_EXPORTER_OTLP_HEADERS: expected name=value pairs") != std::string::npos);
    CHECK(e.format().find("secret-token-value") == std::string::npos);
  }
  CHECK_THROWS_WITH_AS(resolve({}, {{"OTEL_EXPORTER_OTLP_ENDPOINT", "localhost:4318"}}),
                       "OTEL_EXPORTER_OTLP_ENDPOINT: expected an http:// or https:// URL", Error);
  file.headers = {{"Authorization", "${MISSING_VAR}"}};
  CHECK_THROWS_WITH_AS(resolve(file, {}), "telemetry.otlp.headers.Authorization: environment variable MISSING_VAR is not set",
                       Error);
  CHECK_FALSE(config::parse_header_list("a=%zz"));
  CHECK(config::parse_header_list("a=1,,b=%41") == config::Headers{{"a", "1"}, {"b", "A"}});
}
