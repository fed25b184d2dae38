// Prompts: names, versions, labels with their history, moving a label, and
// the diff of two versions with their evals' score deltas.
#include <nlohmann/json.hpp>

#include "cli/view/pages.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "core/prompt/prompt_store.hpp"
#include "core/prompt/diff.hpp"
#include "core/prompt/prompt_spec.hpp"

namespace genops::cli::view {

namespace {

using core::prompt::PromptStore;
using core::prompt::PromptVersionRecord;

PromptVersionRecord version_or_fail(PromptStore& store, const std::string& name, std::int64_t number) {
  auto v = store.find_number(name, number);
  if (!v) core::fail_input("prompt " + name + " has no version " + std::to_string(number));
  return *v;
}

std::string version_options(const std::vector<PromptVersionRecord>& versions, std::int64_t selected) {
  std::string out;
  for (const auto& v : versions)
    out += "<option value=\"" + std::to_string(v.number) + "\"" + (v.number == selected ? " selected" : "") + ">@" +
           std::to_string(v.number) + "</option>";
  return out;
}

std::string label_form(PageContext& ctx, const std::string& name, const std::vector<PromptVersionRecord>& versions) {
  return "<h2>Move a label</h2><form class=\"inline\" method=\"post\" action=\"" + ctx.links.href("/label/prompt") +
         "\"><input type=\"hidden\" name=\"name\" value=\"" + esc(name) +
         "\"><label>label <input name=\"label\" required></label><label>to <select name=\"version\">" +
         version_options(versions, versions.empty() ? 0 : versions.front().number) +
         "</select></label><button>Move</button></form>";
}

std::string history_table(const std::vector<core::prompt::LabelMove>& moves) {
  std::string out = "<h2>Label history</h2><table><tr><th>label</th><th>to</th><th>from</th><th>author</th><th>moved at</th></tr>";
  for (auto it = moves.rbegin(); it != moves.rend(); ++it)
    out += "<tr><td>" + esc(it->label) + "</td><td>@" + std::to_string(it->number) + "</td><td>" +
           (it->previous ? "@" + std::to_string(it->previous) : "<span class=\"muted\">new</span>") + "</td><td>" +
           esc(it->author) + "</td><td>" + esc(it->moved_at) + "</td></tr>";
  return out + "</table>";
}

}  // namespace

PageResult prompts_page(PageContext& ctx) {
  auto prompts = ctx.services.open_prompts(ctx.store);
  PromptStore& store = *prompts;
  std::string body = "<table><tr><th>prompt</th><th>latest</th><th>versions</th><th>labels</th><th>updated</th></tr>";
  for (const auto& p : store.list()) {
    std::string labels;
    for (const auto& [label, number] : p.labels) labels += esc(label) + "→@" + std::to_string(number) + " ";
    body += "<tr><td>" + ctx.links.a("/prompt", {{"name", p.name}}, p.name) + "</td><td class=\"num\">@" +
            std::to_string(p.latest) + "</td><td class=\"num\">" + std::to_string(p.versions) + "</td><td>" + labels +
            "</td><td>" + esc(p.updated_at) + "</td></tr>";
  }
  return {200, page(ctx.links, "Prompts", body + "</table>"), {}};
}

PageResult prompt_page(PageContext& ctx) {
  auto name = ctx.param("name");
  auto prompts = ctx.services.open_prompts(ctx.store);
  PromptStore& store = *prompts;
  auto versions = store.log(name);
  if (versions.empty()) core::fail_input("no prompt named \"" + name + "\"");
  std::string body = "<table><tr><th>version</th><th>hash</th><th>labels</th><th>message</th><th>author</th><th>created</th></tr>";
  for (const auto& v : versions) {
    std::string labels;
    for (const auto& l : v.labels) labels += esc(l) + " ";
    body += "<tr><td>@" + std::to_string(v.number) + "</td><td><code>" + esc(v.hash.substr(0, 12)) + "</code></td><td>" +
            labels + "</td><td>" + esc(v.message) + "</td><td>" + esc(v.author) + "</td><td>" + esc(v.created_at) +
            "</td></tr>";
  }
  body += "</table>";
  std::int64_t newest = versions.front().number, older = versions.size() > 1 ? versions[1].number : newest;
  body += "<h2>Diff two versions</h2><form method=\"get\" action=\"/prompt/diff\">" + ctx.links.token_field() +
          "<input type=\"hidden\" name=\"name\" value=\"" + esc(name) + "\"><select name=\"a\">" +
          version_options(versions, older) + "</select> → <select name=\"b\">" + version_options(versions, newest) +
          "</select> <button>Diff with scores</button></form>";
  body += label_form(ctx, name, versions);
  body += history_table(store.label_history(name));
  return {200, page(ctx.links, "Prompt " + name, body), {}};
}

namespace {

std::string change_rows(const std::vector<core::prompt::ValueChange>& changes, const char* section) {
  std::string out;
  for (const auto& c : changes)
    out += "<tr><td>" + std::string(section) + "." + esc(c.path) + "</td><td>" + (c.before ? esc(c.before->dump()) : "") +
           "</td><td>" + (c.after ? esc(c.after->dump()) : "") + "</td></tr>";
  return out;
}

std::string number_text(const nlohmann::json& summary, const char* key, double scale, int digits) {
  if (!summary.is_object() || !summary.contains(key) || !summary[key].is_number()) return "-";
  return core::format_fixed(summary[key].get<double>() * scale, digits);
}

std::string scores_table(const nlohmann::json& deltas, const std::string& ra, const std::string& rb) {
  if (deltas.empty()) return "<p class=\"muted\">No finished eval run used " + esc(ra) + " or " + esc(rb) + ".</p>";
  std::string out;
  for (const auto& row : deltas) {
    out += "<h3>eval " + esc(row["eval"].get<std::string>()) + "</h3><table><tr><th></th><th>" + esc(ra) + "</th><th>" +
           esc(rb) + "</th><th>change</th></tr>";
    const auto& sa = row["a"].is_null() ? nlohmann::json::object() : row["a"]["summary"];
    const auto& sb = row["b"].is_null() ? nlohmann::json::object() : row["b"]["summary"];
    const auto& d = row["deltas"];
    auto add = [&](const char* label, const char* key, double scale, int digits) {
      out += "<tr><td>" + std::string(label) + "</td><td class=\"num\">" + number_text(sa, key, scale, digits) +
             "</td><td class=\"num\">" + number_text(sb, key, scale, digits) + "</td><td class=\"num\">" +
             (d.is_null() ? "" : number_text(d, key, scale, digits)) + "</td></tr>";
    };
    add("pass rate (%)", "pass_rate", 100, 1);
    add("cost ($)", "cost_usd", 1, 4);
    add("latency p50 (ms)", "latency_p50_ms", 1, 0);
    add("latency p95 (ms)", "latency_p95_ms", 1, 0);
    out += "</table>";
  }
  return out;
}

}  // namespace

PageResult prompt_diff_page(PageContext& ctx) {
  auto name = ctx.param("name");
  auto prompts = ctx.services.open_prompts(ctx.store);
  PromptStore& store = *prompts;
  auto va = version_or_fail(store, name, ctx.number("a", 0));
  auto vb = version_or_fail(store, name, ctx.number("b", 0));
  auto diff = core::prompt::diff_prompts(core::prompt::from_json(nlohmann::json::parse(va.content_json)),
                                         core::prompt::from_json(nlohmann::json::parse(vb.content_json)));
  std::string ra = name + "@" + std::to_string(va.number), rb = name + "@" + std::to_string(vb.number);
  std::string body = "<p>" + ctx.links.a("/prompt", {{"name", name}}, "← " + name) + "</p>";
  if (diff.identical()) body += "<p>" + esc(ra) + " and " + esc(rb) + " have identical messages, model config and inputs.</p>";
  body += "<h2>Messages</h2><pre>--- " + esc(ra) + "\n+++ " + esc(rb) + "\n";
  for (const auto& h : diff.hunks) {
    body += "@@ -" + std::to_string(h.old_start) + "," + std::to_string(h.old_count) + " +" + std::to_string(h.new_start) +
            "," + std::to_string(h.new_count) + " @@\n";
    for (const auto& l : h.lines) {
      const char* cls = l.op == '+' ? " class=\"add\"" : l.op == '-' ? " class=\"del\"" : "";
      body += "<span" + std::string(cls) + ">" + std::string(1, l.op) + esc(l.text) + "</span>\n";
    }
  }
  body += "</pre><h2>Model config and inputs</h2><table><tr><th>key</th><th>" + esc(ra) + "</th><th>" + esc(rb) + "</th></tr>" +
          change_rows(diff.model, "model") + change_rows(diff.inputs, "inputs") + "</table>";
  body += "<h2>Scores</h2>" + scores_table(ctx.services.score_deltas(ctx.store, name, va.number, vb.number), ra, rb);
  return {200, page(ctx.links, "Diff " + ra + " → " + rb, body), {}};
}

PageResult move_prompt_label(PageContext& ctx) {
  auto name = ctx.param("name");
  ctx.services.move_prompt_label(ctx.store, name, ctx.number("version", 0), ctx.param("label"));
  return {303, {}, ctx.links.url("/prompt", {{"name", name}})};
}

}  // namespace genops::cli::view
