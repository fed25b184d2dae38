// Run and step spans (docs/telemetry.md, "The mapping").
#include "chains/telemetry/run_spans.hpp"

#include "core/json.hpp"

namespace genops::chains::telemetry {

using namespace core;
using namespace core::telemetry;

namespace {

using json = nlohmann::json;

constexpr int k_kind_internal = 1;
constexpr int k_kind_client = 3;

// A stored request ({"messages": [{role, content, tool_calls?, tool_call_id?}]})
// as gen_ai.input.messages: [{role, parts: [{type: text, content}, ...]}].
std::string input_messages(const std::string& request) {
  auto parsed = parse_json(request);
  if (!parsed || !parsed->is_object() || !parsed->contains("messages") || !(*parsed)["messages"].is_array())
    return core::dump_json(json::array({{{"role", "user"}, {"parts", json::array({{{"type", "text"}, {"content", request}}})}}}));
  auto out = json::array();
  for (const auto& m : (*parsed)["messages"]) {
    if (!m.is_object()) continue;
    auto parts = json::array();
    const auto role = m.value("role", std::string("user"));
    if (m.contains("content") && m["content"].is_string() && !m["content"].get<std::string>().empty()) {
      if (role == "tool")
        parts.push_back({{"type", "tool_call_response"}, {"id", m.value("tool_call_id", "")}, {"response", m["content"]}});
      else
        parts.push_back({{"type", "text"}, {"content", m["content"]}});
    }
    if (m.contains("tool_calls") && m["tool_calls"].is_array())
      for (const auto& c : m["tool_calls"])
        parts.push_back({{"type", "tool_call"}, {"id", c.value("id", "")}, {"name", c.value("name", "")},
                         {"arguments", c.value("arguments", "")}});
    out.push_back({{"role", role}, {"parts", std::move(parts)}});
  }
  return core::dump_json(out);
}

std::string output_messages(const std::string& output) {
  return core::dump_json(json::array(
      {{{"role", "assistant"}, {"parts", json::array({{{"type", "text"}, {"content", output}}})}}}));
}

// gen_ai.request.* from a step's params JSON.
void request_params(json& attrs, const std::string& params_json) {
  auto params = parse_json(params_json);
  if (!params || !params->is_object()) return;
  for (const auto& [key, value] : params->items()) {
    const std::string name = key == "stop" ? "gen_ai.request.stop_sequences" : "gen_ai.request." + key;
    if (key == "model") continue;
    if (value.is_number_integer()) attrs.push_back(int_attr(name, value.get<std::int64_t>()));
    else if (value.is_number()) attrs.push_back(double_attr(name, value.get<double>()));
    else if (value.is_string()) attrs.push_back(string_attr(name, value.get<std::string>()));
    else if (value.is_array()) {
      auto values = json::array();
      for (const auto& v : value)
        if (v.is_string()) values.push_back({{"stringValue", v}});
      attrs.push_back({{"key", name}, {"value", {{"arrayValue", {{"values", values}}}}}});
    }
  }
}

struct Naming {
  std::string operation;  // gen_ai.operation.name, "" for genops-only steps
  std::string name;
  int kind = k_kind_internal;
};

Naming naming_of(const chains::StepRecord& s) {
  if (s.kind == "llm") return {"chat", "chat " + (s.model.empty() ? s.provider : s.model), k_kind_client};
  if (s.kind == "embed") return {"embeddings", "embeddings " + s.model, k_kind_client};
  if (s.kind == "tool") return {"execute_tool", "execute_tool " + s.step_id, k_kind_internal};
  if (s.kind == "agent") return {"invoke_agent", "invoke_agent " + s.step_id, k_kind_internal};
  return {"", s.kind + " " + s.step_id, k_kind_internal};
}

void model_attributes(json& attrs, const chains::StepRecord& s, const MappingOptions& options) {
  auto kind = options.provider_kinds.find(s.provider);
  attrs.push_back(string_attr("gen_ai.provider.name", kind == options.provider_kinds.end() ? s.provider : kind->second));
  attrs.push_back(string_attr("genops.provider", s.provider));
  if (!s.model.empty()) {
    attrs.push_back(string_attr("gen_ai.request.model", s.model));
    attrs.push_back(string_attr("gen_ai.response.model", s.model));
  }
  request_params(attrs, s.params_json);
  attrs.push_back(int_attr("gen_ai.usage.input_tokens", s.input_tokens));
  attrs.push_back(int_attr("gen_ai.usage.output_tokens", s.output_tokens));
}

}  // namespace

json run_span(const chains::RunRecord& run, const chains::RunEnd& end, const MappingOptions& options) {
  const auto start = start_of(run.started_at);
  const auto stop = unix_nanos(end.ended_at).value_or(start + end.duration_ms * 1'000'000);
  auto span = span_base(run.id, 0, std::nullopt, run.kind + " " + run.name, k_kind_internal, start, stop);
  auto& a = span["attributes"];
  a.push_back(string_attr("genops.run.id", run.id));
  a.push_back(string_attr("genops.run.kind", run.kind));
  a.push_back(string_attr("genops.chain.name", run.name));
  if (!run.version.empty()) a.push_back(string_attr("genops.chain.version", run.version));
  a.push_back(string_attr("genops.run.status", end.status));
  if (!run.batch_id.empty()) a.push_back(string_attr("genops.batch.id", run.batch_id));
  if (run.row_index) a.push_back(int_attr("genops.batch.row", *run.row_index));
  if (!run.git_commit.empty()) a.push_back(string_attr("genops.git.commit", run.git_commit));
  a.push_back(int_attr("genops.steps", end.steps));
  a.push_back(int_attr("gen_ai.usage.input_tokens", end.input_tokens));
  a.push_back(int_attr("gen_ai.usage.output_tokens", end.output_tokens));
  a.push_back(double_attr("genops.cost_usd", end.cost_usd));
  if (options.capture_content) {
    if (!run.inputs_json.empty()) a.push_back(string_attr("genops.inputs", content(run.inputs_json)));
    if (!end.outputs_json.empty()) a.push_back(string_attr("genops.outputs", content(end.outputs_json)));
  }
  if (end.status != "succeeded") set_error(span, end.status, end.error.empty() ? end.status : end.error);
  return span;
}

json step_span(const chains::StepRecord& s, const MappingOptions& options) {
  const auto start = start_of(s.started_at);
  const auto naming = naming_of(s);
  auto span = span_base(s.run_id, s.seq, s.parent_seq.value_or(0), naming.name, naming.kind, start,
                        start + s.latency_us * 1000);
  auto& a = span["attributes"];
  if (!naming.operation.empty()) a.push_back(string_attr("gen_ai.operation.name", naming.operation));
  if (s.kind == "tool") a.push_back(string_attr("gen_ai.tool.name", s.step_id));
  if (s.kind == "agent") a.push_back(string_attr("gen_ai.agent.name", s.step_id));
  if (!s.provider.empty()) model_attributes(a, s, options);
  if (!s.prompt_ref.empty()) {
    const auto at = s.prompt_ref.rfind('@');
    a.push_back(string_attr("gen_ai.prompt.name", s.prompt_ref.substr(0, at)));
    if (at != std::string::npos) a.push_back(string_attr("gen_ai.prompt.version", s.prompt_ref.substr(at + 1)));
    a.push_back(string_attr("genops.prompt.hash", s.prompt_hash));
  }
  a.push_back(string_attr("genops.run.id", s.run_id));
  a.push_back(string_attr("genops.step.id", s.step_id));
  a.push_back(string_attr("genops.step.kind", s.kind));
  a.push_back(int_attr("genops.step.seq", s.seq));
  if (s.item_index) a.push_back(int_attr("genops.step.item", *s.item_index));
  if (s.cost_usd > 0) a.push_back(double_attr("genops.cost_usd", s.cost_usd));
  if (s.cache_hit) a.push_back(bool_attr("genops.cache_hit", true));
  if (s.retries > 0) a.push_back(int_attr("genops.retries", s.retries));
  if (options.capture_content) {
    const bool model = s.kind == "llm";
    if (!s.request.empty())
      a.push_back(string_attr(model ? "gen_ai.input.messages" : "genops.step.input",
                              content(model ? input_messages(s.request) : s.request)));
    if (!s.output.empty())
      a.push_back(string_attr(model ? "gen_ai.output.messages" : "genops.step.output",
                              content(model ? output_messages(s.output) : s.output)));
  }
  if (s.status == "failed" || s.status == "refused") set_error(span, s.status, s.error.empty() ? s.status : s.error);
  else if (s.status != "ok") a.push_back(string_attr("genops.step.status", s.status));
  return span;
}

}  // namespace genops::chains::telemetry
