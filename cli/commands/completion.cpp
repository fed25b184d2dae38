// genops completion bash|zsh, and the two hidden commands the build and the
// completion scripts call: `__man` (the man page) and `__complete KIND`
// (values that live in the store, one per line).
#include <filesystem>
#include <iostream>
#include <set>

#include "cli/command_tree.hpp"
#include "cli/commands/commands.hpp"
#include "core/lineage/store.hpp"
#include "cli/completion_script.hpp"
#include "cli/man_page.hpp"
#include "cli/version.hpp"
#include "eval/store/eval_queries.hpp"
#include "chains/index/index_store.hpp"
#include "core/prompt/prompt_store.hpp"
#include "chains/store/run_queries.hpp"

namespace genops::cli {

namespace {

// Completion must be quick and silent: no store yet means no values, and a
// store is never created here.
void print_values(Context& ctx, const std::string& kind) {
  if (kind == "providers") {
    for (const auto& [name, config] : ctx.project().providers) std::cout << name << '\n';
    return;
  }
  if (!core::lineage::store_exists(ctx.project_or_defaults().store_path)) return;
  auto& store = ctx.read_store();
  if (kind == "prompts") {
    auto& prompts = ctx.prompts(core::lineage::Access::read);
    for (const auto& name : prompts.names()) {
      std::cout << name << '\n';
      for (const auto& label : prompts.labels(name)) std::cout << name << '@' << label << '\n';
    }
  } else if (kind == "runs") {
    chains::RunFilter filter;
    filter.limit = 100;
    for (const auto& r : chains::list_runs(store, filter)) std::cout << r.run.id << '\n';
  } else if (kind == "evals" || kind == "eval-runs") {
    std::set<std::string> seen;
    for (const auto& listing : eval::list_eval_runs(store.db(), "", 1000)) {
      const auto& value = kind == "evals" ? listing.run.suite : listing.run.id;
      if (seen.insert(value).second) std::cout << value << '\n';
    }
  } else if (kind == "indexes") {
    auto& indexes = ctx.indexes(core::lineage::Access::read);
    for (const auto& name : indexes.index_names()) std::cout << name << '\n';
  }
}

}  // namespace

void add_completion_commands(CLI::App& app, Context& ctx) {
  auto shell = std::make_shared<std::string>();
  auto* completion = app.add_subcommand("completion", "Print a shell completion script (bash or zsh)");
  completion->add_option("shell", *shell, "bash or zsh")->required()->check(CLI::IsMember({"bash", "zsh"}));
  completion->footer(example({"genops completion bash > ~/.local/share/bash-completion/completions/genops",
                              "genops completion zsh > ~/.zfunc/_genops   # with fpath+=(~/.zfunc) in ~/.zshrc"}));
  completion->callback([&app, shell] {
    std::cout << render_completion_script(read_command_tree(app), *shell == "zsh" ? Shell::zsh : Shell::bash);
  });

  auto* man = app.add_subcommand("__man", "Print the man page (roff); used by the build")->group("");
  man->callback([&app] { std::cout << render_man_page(read_command_tree(app), version_text()); });

  auto kind = std::make_shared<std::string>();
  auto* complete = app.add_subcommand("__complete", "Print completion values of a kind, one per line")->group("");
  complete->add_option("kind", *kind)->required();
  complete->callback([&ctx, kind] {
    try {
      print_values(ctx, *kind);
    } catch (const std::exception&) {
      // Tab must never print an error into the user's command line.
    }
  });
}

}  // namespace genops::cli
