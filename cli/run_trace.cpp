#include "cli/run_trace.hpp"

#include <cstdio>
#include <map>

#include "cli/output.hpp"
#include "core/json.hpp"
#include "core/strings.hpp"

namespace genops::cli {

using chains::RunSummary;
using chains::StepRecord;

namespace {

struct Totals {
  std::int64_t input_tokens = 0, output_tokens = 0;
  double cost = 0;
};

struct Tree {
  const std::vector<StepRecord>& steps;
  std::map<std::int64_t, std::vector<std::size_t>> children;  // parent seq (0: root) -> step indices
  bool colour;

  Totals totals(std::size_t i) const {
    Totals t{steps[i].input_tokens, steps[i].output_tokens, steps[i].cost_usd};
    if (auto it = children.find(steps[i].seq); it != children.end()) {
      for (auto c : it->second) {
        auto sub = totals(c);
        t.input_tokens += sub.input_tokens;
        t.output_tokens += sub.output_tokens;
        t.cost += sub.cost;
      }
    }
    return t;
  }

  std::string line(std::size_t i) const {
    const auto& s = steps[i];
    std::string out = s.step_id;
    if (s.item_index) out += "[" + std::to_string(*s.item_index) + "]";
    out += " (" + s.kind + ")";
    if (s.status != "ok") {
      Colour c = s.status == "skipped" ? Colour::dim : Colour::red;
      out += "  " + paint(s.status, c, colour);
    }
    if (!s.provider.empty()) out += "  " + s.provider + (s.model.empty() ? "" : "/" + s.model);
    if (!s.prompt_ref.empty()) out += "  " + s.prompt_ref;
    if (s.status != "skipped") out += "  " + format_ms(s.latency_us / 1000);
    auto t = totals(i);
    if (t.input_tokens + t.output_tokens > 0)
      out += "  " + std::to_string(t.input_tokens) + "+" + std::to_string(t.output_tokens) + " tokens";
    if (t.cost > 0) out += "  " + format_cost(t.cost);
    if (s.cache_hit) out += "  cached";
    if (s.retries) out += "  " + std::to_string(s.retries) + " retries";
    if (!s.error.empty()) out += "  " + core::quote(s.error, 120);
    return out;
  }

  void render(std::int64_t parent, const std::string& indent, std::string& out, int depth) const {
    auto it = children.find(parent);
    if (it == children.end()) return;
    for (std::size_t k = 0; k < it->second.size(); ++k) {
      bool last = k + 1 == it->second.size();
      auto i = it->second[k];
      out += indent + (last ? "└─ " : "├─ ") + line(i) + "\n";
      if (depth < 64) render(steps[i].seq, indent + (last ? "   " : "│  "), out, depth + 1);
    }
  }
};

nlohmann::json parse_or_text(const std::string& text) {
  if (text.empty()) return nullptr;
  auto parsed = core::parse_json(text);
  return parsed ? *parsed : nlohmann::json(text);
}

}  // namespace

std::string format_cost(double usd) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "$%.4f", usd);
  return buf;
}

std::string format_ms(std::int64_t ms) {
  char buf[32];
  if (ms < 1000) std::snprintf(buf, sizeof buf, "%lldms", static_cast<long long>(ms));
  else if (ms < 60'000) std::snprintf(buf, sizeof buf, "%.2fs", static_cast<double>(ms) / 1000.0);
  else std::snprintf(buf, sizeof buf, "%lldm%02llds", static_cast<long long>(ms / 60'000), static_cast<long long>((ms / 1000) % 60));
  return buf;
}

std::string render_trace(const RunSummary& run, const std::vector<StepRecord>& steps, bool colour) {
  Tree tree{steps, {}, colour};
  for (std::size_t i = 0; i < steps.size(); ++i) tree.children[steps[i].parent_seq.value_or(0)].push_back(i);
  const auto& e = run.end;
  std::string status = paint(e.status, e.status == "succeeded" ? Colour::green : Colour::red, colour);
  std::string out = "run " + run.run.id + "  " + run.run.name + "  " + status + "  " + format_ms(e.duration_ms) + "  " +
                    std::to_string(e.steps) + " steps  " + std::to_string(e.input_tokens) + "+" +
                    std::to_string(e.output_tokens) + " tokens  " + format_cost(e.cost_usd) + "\n";
  tree.render(0, "", out, 0);
  if (!e.error.empty()) out += "error: " + e.error + "\n";
  return out;
}

nlohmann::json run_json(const RunSummary& r) {
  return {{"id", r.run.id},           {"kind", r.run.kind},
          {"chain", r.run.name},      {"version", r.run.version},
          {"source", r.run.source_path}, {"status", r.end.status},
          {"started_at", r.run.started_at}, {"ended_at", r.end.ended_at},
          {"duration_ms", r.end.duration_ms}, {"steps", r.end.steps},
          {"input_tokens", r.end.input_tokens}, {"output_tokens", r.end.output_tokens},
          {"cost_usd", r.end.cost_usd}, {"error", r.end.error},
          {"git_commit", r.run.git_commit}, {"host", r.run.host},
          {"batch_id", r.run.batch_id}, {"row", r.run.row_index ? nlohmann::json(*r.run.row_index) : nlohmann::json()},
          {"inputs", parse_or_text(r.inputs_json)}, {"outputs", parse_or_text(r.outputs_json)}};
}

nlohmann::json step_json(const StepRecord& s) {
  nlohmann::json j = {{"seq", s.seq},
                      {"parent", s.parent_seq ? nlohmann::json(*s.parent_seq) : nlohmann::json()},
                      {"item", s.item_index ? nlohmann::json(*s.item_index) : nlohmann::json()},
                      {"step", s.step_id}, {"kind", s.kind}, {"status", s.status},
                      {"prompt", s.prompt_ref}, {"prompt_hash", s.prompt_hash}, {"provider", s.provider},
                      {"model", s.model}, {"params", parse_or_text(s.params_json)},
                      {"input_tokens", s.input_tokens}, {"output_tokens", s.output_tokens},
                      {"cost_usd", s.cost_usd}, {"started_at", s.started_at}, {"latency_us", s.latency_us},
                      {"cache_hit", s.cache_hit}, {"retries", s.retries}, {"error", s.error}};
  if (!s.request.empty()) j["request"] = parse_or_text(s.request);
  if (!s.output.empty()) j["output"] = s.output;
  return j;
}

}  // namespace genops::cli
