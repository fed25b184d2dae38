#include "cli/view/pages.hpp"

#include <charconv>
#include <map>

#include "core/error.hpp"
#include "eval/store/eval_queries.hpp"
#include "chains/store/run_queries.hpp"

namespace genops::cli::view {

std::string PageContext::param(const std::string& key, const std::string& fallback) const {
  auto it = params.find(key);
  return it == params.end() || it->second.empty() ? fallback : it->second;
}

long long PageContext::number(const std::string& key, long long fallback) const {
  auto text = param(key);
  if (text.empty()) return fallback;
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    core::fail_input(key + ": expected a whole number, found \"" + text + "\"");
  return value;
}

namespace {

PageResult not_found(PageContext& ctx, const std::string& path) {
  return {404, page(ctx.links, "Not found", "<p>No page " + esc(path) + ".</p>"), {}};
}

}  // namespace

PageResult home_page(PageContext& ctx) {
  std::string body = "<p>The lineage store at <code>" +
                     esc(core::lineage::display_location(ctx.store.path().string())) + "</code>.</p>";
  body += "<h2>Runs by status</h2><table>";
  for (const auto& [status, n] : chains::count_runs_by_status(ctx.store))
    body += "<tr><td>" + ctx.links.a("/runs", {{"status", status}}, status) + "</td><td class=\"num\">" +
            std::to_string(n) + "</td></tr>";
  body += "</table><h2>Eval runs by status</h2><table>";
  for (const auto& [status, n] : eval::count_eval_runs_by_status(ctx.store.db()))
    body += "<tr><td>" + esc(status) + "</td><td class=\"num\">" + std::to_string(n) + "</td></tr>";
  body += "</table>";
  return {200, page(ctx.links, "genops view", body), {}};
}

PageResult get_page(const std::string& path, PageContext& ctx) {
  using Page = PageResult (*)(PageContext&);
  static const std::map<std::string, Page, std::less<>> pages{
      {"/", home_page},           {"/prompts", prompts_page},   {"/prompt", prompt_page},
      {"/prompt/diff", prompt_diff_page}, {"/runs", runs_page}, {"/run", run_page},
      {"/step", step_page},       {"/evals", evals_page},       {"/eval", eval_run_page},
      {"/case", eval_case_page},  {"/compare", compare_page},   {"/skew", skew_page},
      {"/skew/report", skew_report_page}};
  auto it = pages.find(path);
  return it == pages.end() ? not_found(ctx, path) : it->second(ctx);
}

PageResult post_action(const std::string& path, PageContext& ctx) {
  if (path == "/label/prompt") return move_prompt_label(ctx);
  if (path == "/label/eval") return move_eval_label(ctx);
  return not_found(ctx, path);
}

}  // namespace genops::cli::view
