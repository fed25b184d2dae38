// genops prompt diff REF_A REF_B [--scores] [--json]
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "cli/prompt_json.hpp"
#include "cli/prompt_scores.hpp"
#include "eval/store/eval_store.hpp"
#include "core/prompt/diff.hpp"

namespace genops::cli {

namespace {

struct DiffOptions {
  std::string a;
  std::string b;
  bool json = false;
  bool scores = false;
};

std::string value_text(const std::optional<nlohmann::json>& v) {
  return v ? v->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) : "(absent)";
}

nlohmann::json changes_json(const std::vector<core::prompt::ValueChange>& changes) {
  auto out = nlohmann::json::array();
  for (const auto& c : changes) {
    out.push_back({{"path", c.path}, {"before", c.before ? *c.before : nlohmann::json(nullptr)},
                   {"after", c.after ? *c.after : nlohmann::json(nullptr)},
                   {"change", !c.before ? "added" : !c.after ? "removed" : "changed"}});
  }
  return out;
}

void print_changes(const char* title, const std::vector<core::prompt::ValueChange>& changes, bool colour) {
  if (changes.empty()) return;
  std::cout << paint(title, Colour::bold, colour) << '\n';
  for (const auto& c : changes) {
    if (!c.before) std::cout << paint("  + " + c.path + ": " + value_text(c.after), Colour::green, colour) << '\n';
    else if (!c.after) std::cout << paint("  - " + c.path + ": " + value_text(c.before), Colour::red, colour) << '\n';
    else std::cout << paint("  ~ " + c.path + ": " + value_text(c.before) + " -> " + value_text(c.after), Colour::yellow, colour) << '\n';
  }
}

void run_diff(Context& ctx, const DiffOptions& o) {
  auto& store = ctx.prompts(core::lineage::Access::read);
  auto va = resolve_ref(store, o.a);
  auto vb = resolve_ref(store, o.b);
  auto sa = core::prompt::from_json(nlohmann::json::parse(va.content_json));
  auto sb = core::prompt::from_json(nlohmann::json::parse(vb.content_json));
  auto diff = core::prompt::diff_prompts(sa, sb);
  std::string ra = va.name + "@" + std::to_string(va.number), rb = vb.name + "@" + std::to_string(vb.number);
  std::vector<ScoreRow> scores;
  VersionRef ref_a{va.name, va.number}, ref_b{vb.name, vb.number};
  if (o.scores) {
    auto evals = ctx.open_eval_store(core::lineage::Access::read);
    scores = score_rows(*evals, ref_a, ref_b);
  }
  if (o.json) {
    auto hunks = nlohmann::json::array();
    for (const auto& h : diff.hunks) {
      auto lines = nlohmann::json::array();
      for (const auto& l : h.lines) lines.push_back({{"op", std::string(1, l.op)}, {"text", l.text}});
      hunks.push_back({{"old_start", h.old_start}, {"old_count", h.old_count}, {"new_start", h.new_start},
                       {"new_count", h.new_count}, {"lines", lines}});
    }
    nlohmann::json doc = {{"a", version_json(va)}, {"b", version_json(vb)}, {"identical", diff.identical()},
                          {"messages", hunks}, {"model", changes_json(diff.model)}, {"inputs", changes_json(diff.inputs)}};
    if (o.scores) doc["scores"] = score_deltas_json(scores);
    return print_json(doc);
  }
  bool colour = colour_enabled(stdout);
  if (diff.identical()) {
    std::cout << ra << " and " << rb << " have identical messages, model config and inputs\n";
    if (o.scores) print_score_deltas(scores, ref_a, ref_b);
    return;
  }
  std::cout << paint("--- " + ra + " (sha:" + va.hash.substr(0, 12) + ")", Colour::bold, colour) << '\n'
            << paint("+++ " + rb + " (sha:" + vb.hash.substr(0, 12) + ")", Colour::bold, colour) << '\n';
  for (const auto& h : diff.hunks) {
    std::cout << paint("@@ -" + std::to_string(h.old_start) + "," + std::to_string(h.old_count) + " +" +
                           std::to_string(h.new_start) + "," + std::to_string(h.new_count) + " @@", Colour::cyan, colour)
              << '\n';
    for (const auto& l : h.lines) {
      std::string line = std::string(1, l.op) + l.text;
      std::cout << (l.op == '+' ? paint(line, Colour::green, colour) : l.op == '-' ? paint(line, Colour::red, colour) : line) << '\n';
    }
  }
  print_changes("model:", diff.model, colour);
  print_changes("inputs:", diff.inputs, colour);
  if (o.scores) print_score_deltas(scores, ref_a, ref_b);
}

}  // namespace

void add_prompt_diff_command(CLI::App& prompt, Context& ctx) {
  auto o = std::make_shared<DiffOptions>();
  auto* cmd = prompt.add_subcommand("diff", "Unified diff of two versions' messages, then their model config and inputs key by key");
  cmd->add_option("a", o->a, "The old version, e.g. support-answer@1")->required();
  cmd->add_option("b", o->b, "The new version, e.g. support-answer@production")->required();
  cmd->add_flag("--json", o->json, "Print JSON");
  cmd->add_flag("--scores", o->scores, "Also compare the latest eval runs that used each version: pass rate, metrics, cost, latency");
  cmd->footer(example({"genops prompt diff support-answer@1 support-answer@2", "genops prompt diff support-answer@production support-answer --json",
                       "genops prompt diff support-answer@1 support-answer@2 --scores"}));
  cmd->callback([&ctx, o] { run_diff(ctx, *o); });
}

}  // namespace genops::cli
