// Runs: the list filtered by kind, chain, status and time; a run's step
// waterfall (tokens, cost, latency, cache hits, retries, errors); a step's
// request and response, redacted.
#include <algorithm>
#include <charconv>
#include <chrono>

#include "cli/view/pages.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "chains/store/run_queries.hpp"
#include "core/redact.hpp"

namespace genops::cli::view {

namespace {

using chains::StepRecord;

// Milliseconds since the epoch of a store timestamp ("2026-11-23T16:28:31.123Z"); 0 when unreadable.
double timestamp_ms(std::string_view t) {
  auto field = [&](std::size_t at, std::size_t len) {
    int v = 0;
    if (at + len > t.size()) return -1;
    auto [end, ec] = std::from_chars(t.data() + at, t.data() + at + len, v);
    return ec == std::errc() && end == t.data() + at + len ? v : -1;
  };
  int y = field(0, 4), mo = field(5, 2), d = field(8, 2), h = field(11, 2), mi = field(14, 2), s = field(17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return 0;
  int ms = t.size() >= 23 && t[19] == '.' ? std::max(field(20, 3), 0) : 0;
  auto days = std::chrono::sys_days(std::chrono::year(y) / mo / d).time_since_epoch().count();
  return ((static_cast<double>(days) * 24 + h) * 60 + mi) * 60000.0 + s * 1000.0 + ms;
}

std::string filter_form(PageContext& ctx) {
  auto field = [&](const char* name, const char* hint) {
    return std::string("<label>") + name + " <input name=\"" + name + "\" value=\"" + esc(ctx.param(name)) +
           "\" placeholder=\"" + hint + "\"></label>";
  };
  return "<form method=\"get\" action=\"/runs\">" + ctx.links.token_field() + field("kind", "chain, judge, ingest") +
         field("chain", "name") + field("status", "succeeded, failed…") + field("since", "2026-12-01") +
         field("limit", "50") + "<button>Filter</button></form>";
}

std::string status_cell(const std::string& status) {
  const char* cls = status == "succeeded" || status == "ok" ? "pass" : status == "running" ? "warn" : "fail";
  return "<td class=\"" + std::string(cls) + "\">" + esc(status) + "</td>";
}

}  // namespace

PageResult runs_page(PageContext& ctx) {
  chains::RunFilter filter;
  filter.kind = ctx.param("kind");
  filter.name = ctx.param("chain");
  filter.status = ctx.param("status");
  filter.since = ctx.param("since");
  filter.limit = static_cast<int>(std::clamp(ctx.number("limit", 50), 1LL, 1000LL));
  std::string body = filter_form(ctx) +
                     "<table id=\"runs\"><tr><th>run</th><th>kind</th><th>chain</th><th>status</th><th>started</th>"
                     "<th>steps</th><th>tokens in/out</th><th>cost</th><th>duration</th><th>error</th></tr>";
  for (const auto& r : chains::list_runs(ctx.store, filter)) {
    body += "<tr class=\"run\" data-run=\"" + esc(r.run.id) + "\"><td>" + ctx.links.a("/run", {{"id", r.run.id}}, r.run.id) +
            "</td><td>" + esc(r.run.kind) + "</td><td>" + esc(r.run.name) + "</td>" + status_cell(r.end.status) + "<td>" +
            esc(r.run.started_at) + "</td><td class=\"num\">" + std::to_string(r.end.steps) + "</td><td class=\"num\">" +
            std::to_string(r.end.input_tokens) + " / " + std::to_string(r.end.output_tokens) + "</td><td class=\"num\">" +
            cost_text(r.end.cost_usd) + "</td><td class=\"num\">" + ms_text(static_cast<double>(r.end.duration_ms)) +
            "</td><td>" + esc_cut(core::redact(r.end.error), 200) + "</td></tr>";
  }
  return {200, page(ctx.links, "Runs", body + "</table>"), {}};
}

// The steps of one run as a waterfall: each bar starts at the step's offset
// from the first step and is as long as its latency.
std::string step_waterfall(PageContext& ctx, const std::string& run_id, const std::vector<StepRecord>& steps) {
  if (steps.empty()) return "<p class=\"muted\">No steps recorded.</p>";
  double start = timestamp_ms(steps.front().started_at), end = start;
  for (const auto& s : steps) {
    start = std::min(start, timestamp_ms(s.started_at));
    end = std::max(end, timestamp_ms(s.started_at) + static_cast<double>(s.latency_us) / 1000);
  }
  double span = std::max(end - start, 1.0);
  constexpr double k_width = 360;  // pixels for the whole run
  std::string out = "<table id=\"steps\"><tr><th>#</th><th>step</th><th>kind</th><th>status</th><th>timeline</th>"
                    "<th>latency</th><th>tokens in/out</th><th>cost</th><th>cache</th><th>retries</th><th>provider</th>"
                    "<th>error</th></tr>";
  for (const auto& s : steps) {
    double offset = (timestamp_ms(s.started_at) - start) / span * k_width;
    double width = std::max(static_cast<double>(s.latency_us) / 1000 / span * k_width, 1.0);
    out += "<tr class=\"step\"><td>" + ctx.links.a("/step", {{"run", run_id}, {"seq", std::to_string(s.seq)}}, std::to_string(s.seq)) +
           "</td><td>" + (s.parent_seq ? "↳ " : "") + esc(s.step_id) +
           (s.item_index ? "[" + std::to_string(*s.item_index) + "]" : "") + "</td><td>" + esc(s.kind) + "</td>" +
           status_cell(s.status) + "<td><span style=\"display:inline-block;width:" + core::format_fixed(offset, 0) +
           "px\"></span><span class=\"bar" + (s.error.empty() ? "" : " err") + "\" style=\"width:" +
           core::format_fixed(width, 0) + "px\"></span></td><td class=\"num\">" +
           ms_text(static_cast<double>(s.latency_us) / 1000) + "</td><td class=\"num\">" + std::to_string(s.input_tokens) +
           " / " + std::to_string(s.output_tokens) + "</td><td class=\"num\">" + cost_text(s.cost_usd) + "</td><td>" +
           (s.cache_hit ? "hit" : "") + "</td><td class=\"num\">" + std::to_string(s.retries) + "</td><td>" +
           esc(s.provider) + (s.model.empty() ? "" : " " + esc(s.model)) + "</td><td>" + esc_cut(core::redact(s.error), 300) +
           "</td></tr>";
  }
  return out + "</table>";
}

PageResult run_page(PageContext& ctx) {
  auto run = chains::find_run(ctx.store, ctx.param("id"));
  auto steps = chains::run_steps(ctx.store, run.run.id, chains::Texts::no);
  std::string body = "<table><tr><th>chain</th><td>" + esc(run.run.name) + "</td></tr><tr><th>kind</th><td>" +
                     esc(run.run.kind) + "</td></tr><tr><th>status</th>" + status_cell(run.end.status) +
                     "</tr><tr><th>started</th><td>" + esc(run.run.started_at) + "</td></tr><tr><th>cost</th><td>" +
                     cost_text(run.end.cost_usd) + "</td></tr><tr><th>duration</th><td>" +
                     ms_text(static_cast<double>(run.end.duration_ms)) + "</td></tr><tr><th>error</th><td>" +
                     esc(core::redact(run.end.error)) + "</td></tr></table>";
  body += "<h2>Inputs</h2><pre>" + esc_cut(core::redact(run.inputs_json), 20000) + "</pre><h2>Outputs</h2><pre>" +
          esc_cut(core::redact(run.outputs_json), 20000) + "</pre><h2>Steps</h2>" + step_waterfall(ctx, run.run.id, steps);
  return {200, page(ctx.links, "Run " + run.run.id, body), {}};
}

PageResult step_page(PageContext& ctx) {
  auto run = chains::find_run(ctx.store, ctx.param("run"));
  auto seq = ctx.number("seq", 0);
  for (const auto& s : chains::run_steps(ctx.store, run.run.id, chains::Texts::yes)) {
    if (s.seq != seq) continue;
    std::string body = "<p>" + ctx.links.a("/run", {{"id", run.run.id}}, "← run " + run.run.id) + "</p><table>" +
                       "<tr><th>step</th><td>" + esc(s.step_id) + "</td></tr><tr><th>prompt</th><td>" + esc(s.prompt_ref) +
                       "</td></tr><tr><th>provider</th><td>" + esc(s.provider) + " " + esc(s.model) +
                       "</td></tr><tr><th>params</th><td><code>" + esc(s.params_json) + "</code></td></tr></table>" +
                       "<h2>Request</h2><pre id=\"request\">" + esc_cut(core::redact(s.request), 200000) +
                       "</pre><h2>Response</h2><pre id=\"response\">" + esc_cut(core::redact(s.output), 200000) + "</pre>";
    if (!s.error.empty()) body += "<h2>Error</h2><pre class=\"fail\">" + esc(core::redact(s.error)) + "</pre>";
    return {200, page(ctx.links, "Step " + std::to_string(seq) + " of run " + run.run.id, body), {}};
  }
  core::fail_input("run " + run.run.id + " has no step " + std::to_string(seq));
}

}  // namespace genops::cli::view
