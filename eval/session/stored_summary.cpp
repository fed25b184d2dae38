#include "eval/session/stored_summary.hpp"

namespace genops::eval::session {

nlohmann::json stored_summary(const stats::Summary& s) {
  nlohmann::json metrics = nlohmann::json::object();
  for (const auto& m : s.metrics) metrics[m.name] = {{"mean", m.mean}, {"count", m.count}};
  return {{"results", s.results},          {"passes", s.passes},
          {"errors", s.errors},            {"pass_rate", s.pass_rate},
          {"cases", s.cases},              {"metrics", metrics},
          {"cost_usd", s.usage.cost_usd},  {"input_tokens", s.usage.input_tokens},
          {"output_tokens", s.usage.output_tokens}, {"latency_p50_ms", s.usage.latency_p50_ms},
          {"latency_p95_ms", s.usage.latency_p95_ms}};
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

StoredVerdict read_stored_verdict(const std::string& summary_json) {
  auto summary = nlohmann::json::parse(summary_json, nullptr, false);
  if (!summary.is_object()) return {};
  auto text = [&summary](const char* key) {
    auto it = summary.find(key);
    return it != summary.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return {text("baseline"), text("gate_failures")};
}

}  // namespace genops::eval::session
