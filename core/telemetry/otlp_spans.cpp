// Span building blocks and eval-case spans (docs/telemetry.md, "The mapping").
#include <cmath>

#include "core/json.hpp"
#include "core/redact.hpp"
#include "core/telemetry/otlp_json.hpp"
#include "core/utf8.hpp"

namespace genops::core::telemetry {

using json = nlohmann::json;

namespace {
constexpr int k_kind_internal = 1;
constexpr int k_status_error = 2;
}  // namespace

// Redacted and cut to the content limit at a UTF-8 boundary.
std::string content(std::string_view text) {
  auto clean = redact(text);
  if (clean.size() > k_max_content_bytes) {
    clean.resize(utf8::floor_boundary(clean, k_max_content_bytes));
    clean += "…[truncated]";
  }
  return clean;
}

std::int64_t start_of(const std::string& timestamp) { return unix_nanos(timestamp).value_or(0); }

nlohmann::json span_base(std::string_view run_id, std::int64_t seq, std::optional<std::int64_t> parent_seq, std::string name,
               int kind, std::int64_t start, std::int64_t end) {
  json span = {{"traceId", trace_id_of(run_id)}, {"spanId", span_id_of(run_id, seq)}, {"name", std::move(name)},
               {"kind", kind}, {"startTimeUnixNano", std::to_string(start)},
               {"endTimeUnixNano", std::to_string(std::max(start, end))}, {"attributes", json::array()}};
  if (parent_seq) span["parentSpanId"] = span_id_of(run_id, *parent_seq);
  return span;
}

void set_error(json& span, std::string_view type, std::string_view message) {
  span["attributes"].push_back(string_attr("error.type", type));
  span["status"] = {{"code", k_status_error}, {"message", content(message)}};
}

json eval_case_span(const EvalCase& c, const MappingOptions& options) {
  const auto end = start_of(c.ended_at);
  const std::string trace_key = c.run_id.empty() ? c.eval_run_id + "/" + c.case_key + "/" + c.provider + "/" +
                                                       std::to_string(c.repeat)
                                                 : c.run_id;
  // A case's own span id must differ from its run's steps: seq -1 is never a step.
  auto span = span_base(trace_key, -1, std::nullopt, "evaluate " + c.suite, k_kind_internal,
                        end - c.latency_ms * 1'000'000, end);
  if (!c.run_id.empty()) span["parentSpanId"] = span_id_of(c.run_id, 0);
  auto& a = span["attributes"];
  a.push_back(string_attr("genops.eval.name", c.suite));
  a.push_back(string_attr("genops.eval.run_id", c.eval_run_id));
  a.push_back(string_attr("genops.eval.case_key", c.case_key));
  if (!c.provider.empty()) a.push_back(string_attr("genops.provider", c.provider));
  if (c.repeat > 0) a.push_back(int_attr("genops.eval.repeat", c.repeat));
  if (!c.run_id.empty()) a.push_back(string_attr("genops.run.id", c.run_id));
  a.push_back(bool_attr("genops.eval.pass", c.pass));
  a.push_back(double_attr("genops.eval.score", c.score));
  span["events"] = json::array();
  for (const auto& e : c.evaluations) {
    auto attrs = json::array({string_attr("gen_ai.evaluation.name", e.name)});
    if (e.score && std::isfinite(*e.score)) attrs.push_back(double_attr("gen_ai.evaluation.score.value", *e.score));
    if (!e.label.empty()) attrs.push_back(string_attr("gen_ai.evaluation.score.label", e.label));
    if (!e.explanation.empty() && options.capture_content)
      attrs.push_back(string_attr("gen_ai.evaluation.explanation", content(e.explanation)));
    span["events"].push_back({{"timeUnixNano", std::to_string(end)}, {"name", "gen_ai.evaluation.result"},
                              {"attributes", std::move(attrs)}});
  }
  if (!c.error.empty()) set_error(span, "target_failed", c.error);
  return span;
}

}  // namespace genops::core::telemetry
