// genops prompt label REF LABEL
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/label_moves.hpp"
#include "cli/output.hpp"
#include "cli/prompt_json.hpp"

namespace genops::cli {

namespace {

struct LabelOptions {
  std::string ref;
  std::string label;
  bool json = false;
};

void run_label(Context& ctx, const LabelOptions& o) {
  auto moved = move_prompt_label(ctx.prompts(), o.ref, o.label, ctx.author());
  const auto& move = moved.move;
  if (o.json) {
    return print_json({{"name", moved.name}, {"label", o.label}, {"version", move.number},
                       {"previous", move.previous ? nlohmann::json(move.previous) : nlohmann::json(nullptr)}});
  }
  std::cout << describe(moved) << '\n';
}

}  // namespace

void add_prompt_label_command(CLI::App& prompt, Context& ctx) {
  auto o = std::make_shared<LabelOptions>();
  auto* cmd = prompt.add_subcommand("label", "Point a label at a version (history kept; rolling back is labelling an older version)");
  cmd->add_option("ref", o->ref, "The version: NAME@3, NAME@sha:1f3a9c, NAME@staging")->required();
  cmd->add_option("label", o->label, "The label to move, e.g. production")->required();
  cmd->add_flag("--json", o->json, "Print JSON");
  cmd->footer(example({"genops prompt label support-answer@2 production", "genops prompt label support-answer@1 production   # roll back"}));
  cmd->callback([&ctx, o] { run_label(ctx, *o); });
}

}  // namespace genops::cli
