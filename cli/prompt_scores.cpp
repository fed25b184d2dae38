#include "cli/prompt_scores.hpp"

#include <iostream>
#include <map>

#include "cli/output.hpp"
#include "core/format.hpp"

namespace genops::cli {

namespace {

using eval::session::RunSummary;

nlohmann::json side_json(const std::optional<ScoreSide>& side) {
  if (!side) return nullptr;
  return {{"run", side->run}, {"started_at", side->started_at}, {"summary", side->summary.to_json()}};
}

nlohmann::json deltas_of(const RunSummary& a, const RunSummary& b) {
  nlohmann::json metrics = nlohmann::json::object();
  for (const auto& [name, metric] : b.metrics)
    if (auto it = a.metrics.find(name); it != a.metrics.end()) metrics[name] = metric.mean - it->second.mean;
  return {{"pass_rate", b.pass_rate - a.pass_rate},
          {"cost_usd", b.cost_usd - a.cost_usd},
          {"latency_p50_ms", b.latency_p50_ms - a.latency_p50_ms},
          {"latency_p95_ms", b.latency_p95_ms - a.latency_p95_ms},
          {"metrics", metrics}};
}

std::string fixed(double value, int digits) { return core::format_fixed(value, digits); }

std::string signed_fixed(double value, int digits) { return (value >= 0 ? "+" : "") + fixed(value, digits); }

// The table of one row: pass rate, metric means, cost, latency; a and b and the change.
void print_row(const ScoreRow& row, const VersionRef& a, const VersionRef& b) {
  std::cout << "scores: eval " << row.eval << '\n';
  auto side = [](const std::optional<ScoreSide>& s) { return s ? "run " + s->run : std::string("(no run)"); };
  std::vector<std::vector<std::string>> table = {{"", a.text(), b.text(), "change"}, {"", side(row.a), side(row.b), ""}};
  const RunSummary none;
  const RunSummary& sa = row.a ? row.a->summary : none;
  const RunSummary& sb = row.b ? row.b->summary : none;
  const bool has_a = row.a && sa.counted, has_b = row.b && sb.counted, both = row.a && row.b;
  auto add = [&](const std::string& label, double va, double vb, int digits, const std::string& unit,
                 const std::string& delta_unit) {
    table.push_back({label, has_a ? fixed(va, digits) + unit : "-", has_b ? fixed(vb, digits) + unit : "-",
                     both ? signed_fixed(vb - va, digits) + delta_unit : ""});
  };
  add("pass rate", sa.pass_rate * 100, sb.pass_rate * 100, 1, "%", " pts");
  for (const auto& [name, metric] : sb.metrics) {
    auto in_a = sa.metrics.find(name);
    const bool found = in_a != sa.metrics.end();
    const double va = found ? in_a->second.mean : 0;
    table.push_back({name + " mean", found ? fixed(va, 3) : "-", fixed(metric.mean, 3),
                     found && both ? signed_fixed(metric.mean - va, 3) : ""});
  }
  add("cost", sa.cost_usd, sb.cost_usd, 4, " $", " $");
  add("latency p50", sa.latency_p50_ms, sb.latency_p50_ms, 0, " ms", " ms");
  add("latency p95", sa.latency_p95_ms, sb.latency_p95_ms, 0, " ms", " ms");
  print_table(table);
}

}  // namespace

std::vector<ScoreRow> score_rows(eval::EvalStore& store, const VersionRef& a, const VersionRef& b) {
  std::map<std::string, ScoreRow> rows;
  auto collect = [&](const VersionRef& ref, std::optional<ScoreSide> ScoreRow::*side) {
    for (const auto& run : store.runs_using_prompt(ref.name, ref.number)) {
      auto& row = rows[run.suite];
      row.eval = run.suite;
      if (!(row.*side))  // newest first: keep the latest
        row.*side = ScoreSide{run.id, run.started_at, RunSummary::from_json(run.summary_json)};
    }
  };
  collect(a, &ScoreRow::a);
  collect(b, &ScoreRow::b);
  std::vector<ScoreRow> out;
  for (auto& [_, row] : rows) out.push_back(std::move(row));
  return out;
}

nlohmann::json score_deltas_json(const std::vector<ScoreRow>& rows) {
  auto out = nlohmann::json::array();
  for (const auto& row : rows)
    out.push_back({{"eval", row.eval},
                   {"a", side_json(row.a)},
                   {"b", side_json(row.b)},
                   {"deltas", row.a && row.b ? deltas_of(row.a->summary, row.b->summary) : nlohmann::json(nullptr)}});
  return out;
}

void print_score_deltas(const std::vector<ScoreRow>& rows, const VersionRef& a, const VersionRef& b) {
  std::cout << '\n';
  if (rows.empty()) {
    std::cout << "scores: no finished eval run used " << a.text() << " or " << b.text() << '\n';
    return;
  }
  for (const auto& row : rows) print_row(row, a, b);
}

}  // namespace genops::cli
