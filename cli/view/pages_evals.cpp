// Evals: runs per eval with their gate verdicts and the labels they hold
// (moved from here as `genops evals label` moves them), newest first, paged.
#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/view/pages.hpp"
#include "core/json.hpp"
#include "eval/store/eval_queries.hpp"
#include "eval/store/eval_result_pages.hpp"
#include "eval/session/run_summary.hpp"

namespace genops::cli::view {

namespace {

using eval::EvalRunRecord;

// Labels each run holds now (the last move of each label of its eval), by run id.
std::map<std::string, std::vector<std::string>> held_labels(core::lineage::Database& db, const std::set<std::string>& suites) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& suite : suites) {
    std::map<std::string, std::string> holder;
    for (const auto& move : eval::eval_label_history(db, suite, "")) holder[move.label] = move.run_id;
    for (const auto& [label, run] : holder) out[run].push_back(label);
  }
  return out;
}

std::string gate_cell(const EvalRunRecord& run) {
  if (!run.gate_passed) return "<td class=\"muted\">-</td>";
  auto failures = eval::session::RunSummary::from_json(run.summary_json).gate_failures.value_or("");
  return *run.gate_passed ? "<td class=\"pass\">passed</td>"
                          : "<td class=\"fail\">failed" + (failures.empty() ? "" : ": " + esc_cut(failures, 200)) + "</td>";
}

std::string summary_number(const std::string& summary_json, const char* key) {
  auto summary = core::parse_json(summary_json);
  if (!summary || !summary->is_object() || !(*summary)[key].is_number()) return "-";
  if (std::string_view(key) == "pass_rate") return percent_text((*summary)[key].get<double>());
  if (std::string_view(key) == "cost_usd") return cost_text((*summary)[key].get<double>());
  return std::to_string((*summary)[key].get<long long>());
}

}  // namespace

PageResult evals_page(PageContext& ctx) {
  auto suite = ctx.param("eval");
  auto page_no = std::max(ctx.number("page", 0), 0LL);
  constexpr long long k_page = 50;
  auto runs = eval::eval_run_page(ctx.store.db(), suite, k_page + 1, page_no * k_page);
  bool more = runs.size() > static_cast<std::size_t>(k_page);
  if (more) runs.pop_back();
  std::set<std::string> suites;
  for (const auto& r : runs) suites.insert(r.suite);
  auto labels = held_labels(ctx.store.db(), suites);
  std::string body = "<form method=\"get\" action=\"/evals\">" + ctx.links.token_field() +
                     "<label>eval <input name=\"eval\" value=\"" + esc(suite) + "\"></label><button>Filter</button></form>";
  body += "<table id=\"eval-runs\"><tr><th>run</th><th>eval</th><th>started</th><th>status</th><th>gate</th><th>results</th>"
          "<th>pass rate</th><th>cost</th><th>labels</th><th>compare</th></tr>";
  for (const auto& r : runs) {
    auto held = labels[r.id];
    std::sort(held.begin(), held.end());
    std::string label_text;
    for (const auto& l : held) label_text += esc(l) + " ";
    body += "<tr class=\"eval-run\" data-run=\"" + esc(r.id) + "\"><td>" + ctx.links.a("/eval", {{"run", r.id}}, r.id) +
            "</td><td>" + ctx.links.a("/evals", {{"eval", r.suite}}, r.suite) + "</td><td>" + esc(r.started_at) + "</td><td>" +
            esc(r.status) + "</td>" + gate_cell(r) + "<td class=\"num\">" + summary_number(r.summary_json, "results") +
            "</td><td class=\"num\">" + summary_number(r.summary_json, "pass_rate") + "</td><td class=\"num\">" +
            summary_number(r.summary_json, "cost_usd") + "</td><td>" + label_text + "</td><td>" +
            ctx.links.a("/compare", {{"b", r.id}}, "compare…") + "</td></tr>";
  }
  body += "</table>";
  if (page_no > 0) body += ctx.links.a("/evals", {{"eval", suite}, {"page", std::to_string(page_no - 1)}}, "← newer") + " ";
  if (more) body += ctx.links.a("/evals", {{"eval", suite}, {"page", std::to_string(page_no + 1)}}, "older →");
  body += "<h2>Move a label</h2><form method=\"post\" action=\"" + ctx.links.href("/label/eval") +
          "\"><label>run <input name=\"run\" required placeholder=\"run id\"></label><label>label <input name=\"label\" "
          "required placeholder=\"main\"></label><button>Move</button></form>";
  if (!suite.empty()) {
    body += "<h2>Label history of " + esc(suite) + "</h2><table><tr><th>label</th><th>run</th><th>author</th><th>moved at</th></tr>";
    auto history = eval::eval_label_history(ctx.store.db(), suite, "");
    for (auto it = history.rbegin(); it != history.rend(); ++it)
      body += "<tr><td>" + esc(it->label) + "</td><td>" + ctx.links.a("/eval", {{"run", it->run_id}}, it->run_id) + "</td><td>" +
              esc(it->author) + "</td><td>" + esc(it->moved_at) + "</td></tr>";
    body += "</table>";
  }
  return {200, page(ctx.links, suite.empty() ? "Evals" : "Eval " + suite, body), {}};
}

PageResult move_eval_label(PageContext& ctx) {
  auto run = ctx.param("run");
  ctx.services.move_eval_label(ctx.store, run, ctx.param("label"));
  auto found = eval::find_eval_run(ctx.store.db(), run);
  return {303, {}, ctx.links.url("/evals", {{"eval", found ? found->suite : std::string()}})};
}

}  // namespace genops::cli::view
