// genops chain validate FILE | graph FILE [--format mermaid|dot]
#include <filesystem>
#include <iostream>

#include "chains/graph.hpp"
#include "cli/chain_setup.hpp"
#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "chains/index/index_retriever.hpp"
#include "core/lineage/store.hpp"
#include "core/strings.hpp"

namespace genops::cli {

namespace {

struct ChainOptions {
  std::string file;
  std::string format = "mermaid";
  bool json = false;
};

// Every index a retrieve step reads must exist in the store: the error names
// where the step reads it, the closest existing index and the command that builds it.
void check_indexes(Context& ctx, const chains::ChainSet& set) {
  auto uses = set.index_uses();
  if (uses.empty()) return;
  // Validating reads the store and never creates it: without one, no index exists yet.
  if (!core::lineage::store_exists(ctx.project().store_path))
    throw core::Error(core::ErrorKind::invalid_input,
                      uses.front().where + ": index \"" + uses.front().index + "\" not found (there is no store yet)",
                      {"build it with: genops index add " + uses.front().index + " FILES..."});
  auto& indexes = ctx.indexes(core::lineage::Access::read);
  for (const auto& use : uses) {
    try {
      (void)chains::require_index(indexes, use.index);
    } catch (const core::Error& e) {
      if (e.kind() != core::ErrorKind::invalid_input) throw;
      throw core::Error(e.kind(), use.where + ": " + e.what(), e.hints(), e.context());
    }
  }
}

void run_validate(Context& ctx, const ChainOptions& o) {
  auto set = load_chain_file(ctx, o.file, chains::PromptFiles::read_only, std::nullopt);
  check_indexes(ctx, *set);
  const auto& root = set->root();
  std::vector<std::string> subs;
  for (std::size_t i = 1; i < set->chains().size(); ++i) subs.push_back(set->chains()[i]->name);
  if (o.json) {
    auto steps = nlohmann::json::array();
    for (const auto& s : root.steps) {
      auto deps = nlohmann::json::array();
      for (auto d : s.depends_on) deps.push_back(root.steps[d].id);
      steps.push_back({{"id", s.id}, {"kind", std::string(chains::to_string(s.kind))}, {"reads", deps}, {"when", s.when.has_value()}});
    }
    return print_json({{"ok", true}, {"chain", root.name}, {"version", root.version}, {"steps", steps},
                       {"prompts", set->prompt_refs()}, {"providers", set->providers()}, {"calls", subs}});
  }
  std::cout << "ok: " << root.display_file << ": chain " << root.name << " (version sha:" << root.version.substr(0, 12)
            << "), " << root.steps.size() << " steps\n";
  auto prompts = set->prompt_refs();
  if (!prompts.empty()) std::cout << "  prompts:   " << core::join(prompts, ", ") << '\n';
  auto providers = set->providers();
  if (!providers.empty()) std::cout << "  providers: " << core::join(providers, ", ") << '\n';
  if (!subs.empty()) std::cout << "  calls:     " << core::join(subs, ", ") << '\n';
}

void run_graph(Context& ctx, const ChainOptions& o) {
  auto set = load_chain_file(ctx, o.file, chains::PromptFiles::read_only, std::nullopt);
  auto format = o.format == "dot" ? chains::GraphFormat::dot : chains::GraphFormat::mermaid;
  std::cout << chains::render_graph(set->root(), format);
}

}  // namespace

void add_chain_commands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ChainOptions>();
  auto* chain = app.add_subcommand("chain", "Chain files: validate, graph");
  chain->require_subcommand(1);
  chain->footer(example({"genops chain validate chains/support.yaml", "genops chain graph chains/support.yaml"}));
  auto* validate = chain->add_subcommand("validate", "Check a chain file (and what it calls) without running it");
  validate->add_option("file", o->file, "The chain file")->required();
  validate->add_flag("--json", o->json, "Print JSON");
  validate->footer(example({"genops chain validate chains/support.yaml"}));
  validate->callback([&ctx, o] { run_validate(ctx, *o); });
  auto* graph = chain->add_subcommand("graph", "Print a chain's step graph as Mermaid or Graphviz DOT");
  graph->add_option("file", o->file, "The chain file")->required();
  graph->add_option("--format", o->format, "mermaid (default) or dot")->check(CLI::IsMember({"mermaid", "dot"}));
  graph->footer(example({"genops chain graph chains/support.yaml --format dot | dot -Tsvg > support.svg"}));
  graph->callback([&ctx, o] { run_graph(ctx, *o); });
}

}  // namespace genops::cli
