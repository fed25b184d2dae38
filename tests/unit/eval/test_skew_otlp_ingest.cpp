// Reading OTLP/JSON spans for `genops ingest --format otlp` (eval/skew/otlp_ingest).
#include <doctest/doctest.h>

#include "eval/skew/otlp_ingest.hpp"

using genops::eval::skew::read_span;
using genops::eval::skew::SpanInput;
using nlohmann::json;

namespace {

json kv(const std::string& key, json value) { return {{"key", key}, {"value", std::move(value)}}; }

json chat_span(json attributes) {
  attributes.push_back(kv("gen_ai.operation.name", {{"stringValue", "chat"}}));
  return {{"traceId", "0123456789abcdef0123456789abcdef"}, {"spanId", "0123456789abcdef"},
          {"startTimeUnixNano", "1795451311123000000"}, {"attributes", attributes}};
}

}  // namespace

TEST_CASE("skew::read_span: the last user message of gen_ai.input.messages, keyed by the prompt name") {
  auto span = chat_span({kv("gen_ai.prompt.name", {{"stringValue", "support-answer"}}),
                         kv("gen_ai.prompt.version", {{"stringValue", "3"}}),
                         kv("gen_ai.input.messages",
                            {{"stringValue", R"([{"role":"system","parts":[{"type":"text","content":"Be brief."}]},
                                                 {"role":"user","parts":[{"type":"text","content":"old"}]},
                                                 {"role":"assistant","parts":[{"type":"text","content":"ok"}]},
                                                 {"role":"user","parts":[{"type":"text","content":"where is my order?"}]}])"}})});
  auto s = read_span(span, "question");
  CHECK(s.kind == SpanInput::Kind::input);
  CHECK(s.name == "support-answer");
  CHECK(s.version == "3");
  CHECK(s.inputs == json{{"question", "where is my order?"}});
  CHECK(s.timestamp == "2026-11-23T16:28:31.123Z");
}

TEST_CASE("skew::read_span: structured messages, legacy attributes and events; numbers as int64 JSON numbers") {
  json structured = {{"arrayValue", {{"values", {{{"kvlistValue", {{"values", {kv("role", {{"stringValue", "user"}}),
      kv("content", {{"stringValue", "hi there"}})}}}}}}}}}};
  CHECK(read_span(chat_span({kv("gen_ai.input.messages", structured)}), "input").inputs == json{{"input", "hi there"}});
  auto legacy = chat_span({kv("gen_ai.prompt.0.role", {{"stringValue", "system"}}), kv("gen_ai.prompt.0.content", {{"stringValue", "sys"}}),
                           kv("gen_ai.prompt.1.role", {{"stringValue", "user"}}), kv("gen_ai.prompt.1.content", {{"stringValue", "legacy q"}})});
  CHECK(read_span(legacy, "input").inputs == json{{"input", "legacy q"}});
  auto events = chat_span({});
  events["events"] = {{{"name", "gen_ai.user.message"}, {"attributes", {kv("content", {{"stringValue", "from an event"}})}}}};
  events["startTimeUnixNano"] = 1795451311123000000LL;  // the JS SDK writes int64 as numbers
  auto s = read_span(events, "input");
  CHECK(s.inputs == json{{"input", "from an event"}});
  CHECK(s.timestamp == "2026-11-23T16:28:31.123Z");
}

TEST_CASE("skew::read_span: no content, other spans, genops' own spans, bad ids") {
  CHECK(read_span(chat_span({}), "input").kind == SpanInput::Kind::no_content);
  json http = {{"traceId", "0123456789abcdef0123456789abcdef"}, {"spanId", "0123456789abcdef"},
               {"attributes", {kv("http.request.method", {{"stringValue", "GET"}})}}};
  CHECK(read_span(http, "input").kind == SpanInput::Kind::not_genai);
  auto step = chat_span({kv("genops.step.kind", {{"stringValue", "llm"}})});
  CHECK(read_span(step, "input").kind == SpanInput::Kind::not_genai);
  json run = {{"traceId", "0123456789abcdef0123456789abcdef"}, {"spanId", "0123456789abcdef"},
              {"startTimeUnixNano", "1795451311123000000"},
              {"attributes", {kv("genops.run.kind", {{"stringValue", "chain"}}), kv("genops.chain.name", {{"stringValue", "answer"}}),
                              kv("genops.inputs", {{"stringValue", R"({"question":"q1"})"}})}}};
  auto s = read_span(run, "input");
  CHECK(s.name == "answer");
  CHECK(s.inputs == json{{"question", "q1"}});
  auto bad = chat_span({});
  bad["spanId"] = "abc";
  s = read_span(bad, "input");
  CHECK(s.kind == SpanInput::Kind::invalid);
  CHECK(s.problem == "traceId must be 32 and spanId 16 hex digits");
  bad = chat_span({});
  bad.erase("startTimeUnixNano");
  CHECK(read_span(bad, "input").problem == "startTimeUnixNano is not a time");
  CHECK(read_span(json::array(), "input").kind == SpanInput::Kind::invalid);
}
