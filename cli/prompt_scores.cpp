#include "cli/prompt_scores.hpp"
#include "core/format.hpp"

#include <cstdio>
#include <iostream>
#include <map>

#include "cli/output.hpp"
#include "core/json.hpp"

namespace genops::cli {

namespace {

nlohmann::json side_json(const eval::EvalRunRecord& run) {
  auto summary = core::parse_json(run.summary_json);
  return {{"run", run.id}, {"started_at", run.started_at},
          {"summary", summary && summary->is_object() ? *summary : nlohmann::json::object()}};
}

double number_at(const nlohmann::json& summary, const char* key) {
  return summary.contains(key) && summary[key].is_number() ? summary[key].get<double>() : 0.0;
}

nlohmann::json deltas_of(const nlohmann::json& a, const nlohmann::json& b) {
  nlohmann::json d = nlohmann::json::object();
  for (const char* key : {"pass_rate", "cost_usd", "latency_p50_ms", "latency_p95_ms"})
    d[key] = number_at(b, key) - number_at(a, key);
  nlohmann::json metrics = nlohmann::json::object();
  if (a.contains("metrics") && b.contains("metrics"))
    for (const auto& [name, value] : b["metrics"].items())
      if (a["metrics"].contains(name))
        metrics[name] = number_at(value, "mean") - number_at(a["metrics"][name], "mean");
  d["metrics"] = metrics;
  return d;
}

std::string fixed(double value, int digits) { return core::format_fixed(value, digits); }

std::string signed_fixed(double value, int digits) { return (value >= 0 ? "+" : "") + fixed(value, digits); }

}  // namespace

nlohmann::json score_deltas(eval::EvalStore& store, const VersionRef& a, const VersionRef& b) {
  std::map<std::string, nlohmann::json> rows;
  auto collect = [&](const VersionRef& ref, const char* side) {
    for (const auto& run : store.runs_using_prompt(ref.name, ref.number)) {
      auto& row = rows[run.suite];
      if (row.is_null()) row = {{"eval", run.suite}, {"a", nullptr}, {"b", nullptr}, {"deltas", nullptr}};
      if (row[side].is_null()) row[side] = side_json(run);  // newest first: keep the latest
    }
  };
  collect(a, "a");
  collect(b, "b");
  auto out = nlohmann::json::array();
  for (auto& [_, row] : rows) {
    if (!row["a"].is_null() && !row["b"].is_null()) row["deltas"] = deltas_of(row["a"]["summary"], row["b"]["summary"]);
    out.push_back(std::move(row));
  }
  return out;
}

void print_score_deltas(const nlohmann::json& deltas, const VersionRef& a, const VersionRef& b) {
  std::cout << '\n';
  if (deltas.empty()) {
    std::cout << "scores: no finished eval run used " << a.text() << " or " << b.text() << '\n';
    return;
  }
  for (const auto& row : deltas) {
    std::cout << "scores: eval " << row["eval"].get<std::string>() << '\n';
    auto side = [](const nlohmann::json& s) { return s.is_null() ? std::string("(no run)") : "run " + s["run"].get<std::string>(); };
    std::vector<std::vector<std::string>> table = {{"", a.text(), b.text(), "change"},
                                                   {"", side(row["a"]), side(row["b"]), ""}};
    const auto& sa = row["a"].is_null() ? nlohmann::json::object() : row["a"]["summary"];
    const auto& sb = row["b"].is_null() ? nlohmann::json::object() : row["b"]["summary"];
    bool both = !row["deltas"].is_null();
    auto add = [&](const std::string& label, const char* key, double scale, int digits, const std::string& unit,
                   const std::string& delta_unit) {
      double va = number_at(sa, key) * scale, vb = number_at(sb, key) * scale;
      table.push_back({label, sa.empty() ? "-" : fixed(va, digits) + unit, sb.empty() ? "-" : fixed(vb, digits) + unit,
                       both ? signed_fixed(vb - va, digits) + delta_unit : ""});
    };
    add("pass rate", "pass_rate", 100, 1, "%", " pts");
    if (sb.contains("metrics"))
      for (const auto& [name, value] : sb["metrics"].items()) {
        double vb = number_at(value, "mean");
        bool in_a = sa.contains("metrics") && sa["metrics"].contains(name);
        double va = in_a ? number_at(sa["metrics"][name], "mean") : 0;
        table.push_back({name + " mean", in_a ? fixed(va, 3) : "-", fixed(vb, 3), in_a && both ? signed_fixed(vb - va, 3) : ""});
      }
    add("cost", "cost_usd", 1, 4, " $", " $");
    add("latency p50", "latency_p50_ms", 1, 0, " ms", " ms");
    add("latency p95", "latency_p95_ms", 1, 0, " ms", " ms");
    print_table(table);
  }
}

}  // namespace genops::cli
