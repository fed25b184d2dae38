#include "eval/session/run_summary.hpp"

namespace genops::eval::session {

namespace {

template <typename T>
void read(const nlohmann::json& j, const char* key, T& into) {
  auto it = j.find(key);
  if (it == j.end()) return;
  if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::optional<std::string>>) {
    if (it->is_string()) into = it->get<std::string>();
  } else {
    if (it->is_number()) into = it->get<T>();
  }
}

}  // namespace

RunSummary RunSummary::of(const stats::Summary& s) {
  RunSummary r;
  r.counted = true;
  r.results = s.results;
  r.passes = s.passes;
  r.errors = s.errors;
  r.pass_rate = s.pass_rate;
  r.cases = s.cases;
  for (const auto& m : s.metrics) r.metrics[m.name] = {m.mean, m.count};
  r.cost_usd = s.usage.cost_usd;
  r.input_tokens = s.usage.input_tokens;
  r.output_tokens = s.usage.output_tokens;
  r.latency_p50_ms = s.usage.latency_p50_ms;
  r.latency_p95_ms = s.usage.latency_p95_ms;
  return r;
}

RunSummary RunSummary::failed(std::string reason) {
  RunSummary r;
  r.error = std::move(reason);
  return r;
}

nlohmann::json RunSummary::to_json() const {
  nlohmann::json j = nlohmann::json::object();
  if (counted) {
    nlohmann::json m = nlohmann::json::object();
    for (const auto& [name, metric] : metrics) m[name] = {{"mean", metric.mean}, {"count", metric.count}};
    j = {{"results", results},         {"passes", passes},
         {"errors", errors},           {"pass_rate", pass_rate},
         {"cases", cases},             {"metrics", m},
         {"cost_usd", cost_usd},       {"input_tokens", input_tokens},
         {"output_tokens", output_tokens}, {"latency_p50_ms", latency_p50_ms},
         {"latency_p95_ms", latency_p95_ms}};
  }
  if (baseline) j["baseline"] = *baseline;
  if (gate_failures) j["gate_failures"] = *gate_failures;
  if (shard) j["shard"] = *shard;
  if (error) j["error"] = *error;
  return j;
}

RunSummary RunSummary::from_json(std::string_view text) {
  RunSummary r;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return r;
  r.counted = j.contains("results");
  read(j, "results", r.results);
  read(j, "passes", r.passes);
  read(j, "errors", r.errors);
  read(j, "pass_rate", r.pass_rate);
  read(j, "cases", r.cases);
  if (auto m = j.find("metrics"); m != j.end() && m->is_object())
    for (const auto& [name, value] : m->items()) {
      if (!value.is_object()) continue;
      MetricMean metric;
      read(value, "mean", metric.mean);
      read(value, "count", metric.count);
      r.metrics[name] = metric;
    }
  read(j, "cost_usd", r.cost_usd);
  read(j, "input_tokens", r.input_tokens);
  read(j, "output_tokens", r.output_tokens);
  read(j, "latency_p50_ms", r.latency_p50_ms);
  read(j, "latency_p95_ms", r.latency_p95_ms);
  read(j, "baseline", r.baseline);
  read(j, "gate_failures", r.gate_failures);
  read(j, "shard", r.shard);
  read(j, "error", r.error);
  return r;
}

std::string gate_failures(const gate::GateVerdict& verdict) {
  std::string out;
  for (const auto& check : verdict.checks) {
    if (check.pass) continue;
    if (!out.empty()) out += "; ";
    out += check.message.empty() ? check.name : check.message;
  }
  return out;
}

}  // namespace genops::eval::session
