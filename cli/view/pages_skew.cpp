// Skew: the reports of `genops skew --gate` runs kept in the store, newest
// first, and one report's features with their histograms (bars drawn in CSS,
// reference and current side by side).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "cli/view/pages.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "core/json.hpp"
#include "eval/skew/store/skew_reports.hpp"

namespace genops::cli::view {

namespace {

std::string verdict_cell(bool drift) {
  return drift ? "<td class=\"fail\">drift</td>" : "<td class=\"pass\">no drift</td>";
}

std::string number(const nlohmann::json& j, const char* key, int digits) {
  return j.contains(key) && j[key].is_number() ? core::format_fixed(j[key].get<double>(), digits) : std::string("-");
}

std::string text(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::string histogram(const nlohmann::json& bins) {
  constexpr double k_width = 160;  // pixels for a share of 1
  std::string out = "<table class=\"histogram\"><tr><th>bin</th><th>reference</th><th>current</th></tr>";
  for (const auto& b : bins) {
    double ref = b.value("reference", 0.0), cur = b.value("current", 0.0);
    auto bar = [&](double share, const char* cls) {
      return "<span class=\"bar" + std::string(cls) + "\" style=\"width:" + core::format_fixed(std::max(share * k_width, 1.0), 0) +
             "px\"></span> " + percent_text(share);
    };
    out += "<tr><td>" + esc(text(b, "bin")) + "</td><td>" + bar(ref, "") + "</td><td>" + bar(cur, " cur") + "</td></tr>";
  }
  return out + "</table>";
}

}  // namespace

PageResult skew_page(PageContext& ctx) {
  auto page_no = std::max(ctx.number("page", 0), 0LL);
  constexpr long long k_page = 50;
  auto reports = eval::skew::list_skew_reports(ctx.store.db(), k_page + 1, page_no * k_page);
  bool more = reports.size() > static_cast<std::size_t>(k_page);
  if (more) reports.pop_back();
  std::string body = "<p class=\"muted\">Every <code>genops skew --gate</code> run in a project keeps its report here.</p>"
                     "<table id=\"skew-reports\"><tr><th>report</th><th>when</th><th>reference</th><th>current</th>"
                     "<th>verdict</th><th>columns drifted</th><th>commit</th></tr>";
  for (const auto& r : reports)
    body += "<tr class=\"skew-report\"><td>" + ctx.links.a("/skew/report", {{"id", r.id}}, r.id) + "</td><td>" +
            esc(r.created_at) + "</td><td>" + esc(r.reference) + "</td><td>" + esc(r.current) + "</td>" +
            verdict_cell(r.drift) + "<td class=\"num\">" + std::to_string(r.drifted) + " of " + std::to_string(r.tested) +
            "</td><td><code>" + esc(r.git_commit.substr(0, 12)) + "</code></td></tr>";
  body += "</table>";
  if (page_no > 0) body += ctx.links.a("/skew", {{"page", std::to_string(page_no - 1)}}, "← newer") + " ";
  if (more) body += ctx.links.a("/skew", {{"page", std::to_string(page_no + 1)}}, "older →");
  return {200, page(ctx.links, "Skew", body), {}};
}

PageResult skew_report_page(PageContext& ctx) {
  auto found = eval::skew::find_skew_report(ctx.store.db(), ctx.param("id"));
  if (!found) core::fail_input("id: no skew report \"" + ctx.param("id") + "\"", {"the Skew page lists them"});
  auto parsed = core::parse_json(found->report_json);
  if (!parsed || !parsed->is_object()) core::fail_storage("skew_reports.report of " + found->id + " is not a JSON object");
  const auto& report = *parsed;
  std::string body = "<p>" + esc(found->reference) + " → " + esc(found->current) + " · " + esc(found->created_at) + " · " +
                     (found->drift ? "<span class=\"fail\">drift</span>" : "<span class=\"pass\">no drift</span>") + " · " +
                     std::to_string(found->drifted) + " of " + std::to_string(found->tested) + " columns drifted</p>";
  body += "<h2>Columns</h2><table id=\"skew-columns\"><tr><th>column</th><th>kind</th><th>verdict</th><th>reason</th></tr>";
  for (const auto& c : report.value("columns", nlohmann::json::array()))
    body += "<tr><td>" + esc(text(c, "name")) + "</td><td>" + esc(text(c, "kind")) + "</td><td>" + esc(text(c, "verdict")) +
            "</td><td>" + esc(text(c, "reason")) + "</td></tr>";
  body += "</table><h2>Features</h2>";
  for (const auto& f : report.value("features", nlohmann::json::array())) {
    body += "<h3 class=\"feature\">" + esc(text(f, "name")) + " · " + esc(text(f, "verdict")) + "</h3><p class=\"muted\">" +
            esc(text(f, "test")) + " " + number(f, "statistic", 4) + " (threshold " + number(f, "threshold", 4) + "), p " +
            number(f, "p_value", 4) + "</p>" + histogram(f.value("histogram", nlohmann::json::array()));
  }
  for (const auto& w : report.value("warnings", nlohmann::json::array()))
    if (w.is_string()) body += "<p class=\"warn\">" + esc(w.get<std::string>()) + "</p>";
  return {200, page(ctx.links, "Skew report " + found->id, body), {}};
}

}  // namespace genops::cli::view
