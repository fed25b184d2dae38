// genops skew --reference SRC --current SRC [--since 7d] [--until T] [--feature NAME[:KIND]]...
//             [--method share|bonferroni] [--binning genops|evidently|tfdv] [--threshold NAME=VALUE]... [--embedding-provider NAME]
//             [--no-embedding] [--gate] [--json] [--output FILE.md|FILE.json]
#include <fstream>
#include <iostream>

#include "cli/chain_setup.hpp"
#include "cli/commands/commands.hpp"
#include "cli/skew_setup.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/lineage/run_owner.hpp"
#include "core/random_id.hpp"
#include "eval/skew/store/skew_reports.hpp"
#include "core/time.hpp"
#include "core/strings.hpp"
#include "eval/skew/skew.hpp"

namespace genops::cli {

namespace {

namespace skew = eval::skew;

struct SkewCommandOptions {
  skew::SkewOptions lib;
  std::vector<std::string> features, thresholds;
  std::string method = "share", binning = "genops", output, provider;
  bool no_embedding = false, gate = false, json = false;
};

bool uses_store(const std::string& source) { return source.rfind("runs:", 0) == 0; }

void write_output(const std::string& path, const skew::SkewReport& report) {
  const bool md = path.ends_with(".md"), js = path.ends_with(".json");
  if (!md && !js) core::fail_usage("--output " + core::quote(path) + ": expected a .md or .json file");
  std::ofstream out(path, std::ios::binary);
  if (!out) core::fail_input(path + ": cannot write the report", {"check that the folder exists and is writable"});
  out << (md ? skew::render_markdown(report) : core::dump_json(skew::to_json(report), 2) + "\n");
  if (!out.flush()) core::fail_input(path + ": cannot write the report");
}

// A gate's report is kept in the project's store for `genops view`; without
// a project or a named store (--store, GENOPS_STORE) it is kept nowhere.
void record_gate_report(Context& ctx, const skew::SkewReport& report, const skew::SkewOptions& lib) {
  const auto& project = ctx.project_or_defaults();
  if (project.file.empty() && ctx.options.store.empty() && !core::config::process_env("GENOPS_STORE")) return;
  eval::skew::SkewReportRecord record;
  record.id = core::random_id();
  record.created_at = core::now_timestamp();
  record.reference = lib.reference;
  record.current = lib.current;
  record.drift = report.drift;
  record.tested = report.tested;
  record.drifted = report.drifted;
  record.report_json = core::dump_json(skew::to_json(report));
  record.git_commit = git_commit(project.root);
  record.host = core::lineage::this_process().host;
  eval::skew::record_skew_report(ctx.store().db(), record);
}

void run_skew(Context& ctx, SkewCommandOptions& o) {
  auto& lib = o.lib;
  if (o.method != "share" && o.method != "bonferroni")
    core::fail_usage("--method " + core::quote(o.method) + ": expected share or bonferroni");
  lib.method = o.method == "share" ? skew::DatasetMethod::share : skew::DatasetMethod::bonferroni;
  const auto binning = skew::parse_binning(o.binning);
  if (!binning)
    core::fail_usage("--binning " + core::quote(o.binning) + ": expected genops, evidently or tfdv",
                     {"evidently and tfdv reproduce those tools' binning and tests (docs/skew.md)"});
  lib.binning = *binning;
  for (const auto& f : o.features) lib.features.push_back(skew::parse_feature_request(f));
  for (const auto& t : o.thresholds) skew::set_threshold(lib.thresholds, t);
  lib.embeddings = !o.no_embedding;
  lib.embedding_provider = o.provider.empty() ? "hash-embed" : o.provider;
  skew::SkewContext context;
  if (uses_store(lib.reference) || uses_store(lib.current)) context.store = &ctx.read_store();
  if (lib.embeddings) context.embed = skew_embedder(ctx, o.provider);

  const auto report = skew::compute_skew(lib, context);
  if (!o.output.empty()) write_output(o.output, report);
  if (o.json) print_json(skew::to_json(report));
  else std::cout << skew::render_text(report);
  for (const auto& w : report.warnings) print_warning(w);
  if (o.gate) record_gate_report(ctx, report, lib);
  if (o.gate && report.drift)
    throw core::Error(core::ErrorKind::check_failed,
                      "skew: the current inputs drifted from the reference (" + std::to_string(report.drifted) + " of " +
                          std::to_string(report.tested) + " columns)",
                      {"update the eval dataset with inputs like the current ones, or check what changed in production"});
}

}  // namespace

void add_skew_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SkewCommandOptions>();
  auto* cmd = app.add_subcommand("skew", "Compare eval inputs with production inputs: per-feature drift tests and a verdict");
  cmd->add_option("--reference", o->lib.reference, "eval:EVAL.yaml, runs:CHAIN or file:PATH (.jsonl/.csv)")->required();
  cmd->add_option("--current", o->lib.current, "runs:CHAIN, file:PATH or eval:EVAL.yaml")->required();
  cmd->add_option("--since", o->lib.since, "runs: sources: only inputs since a span ago (7d, 12h) or a date");
  cmd->add_option("--until", o->lib.until, "runs: sources: only inputs before a span ago or a date");
  cmd->add_option("--feature", o->features, "Compare only this variable, optionally with its kind: NAME[:text|category|number] (repeatable)");
  cmd->add_option("--method", o->method, "Dataset verdict: share (drift when --drift-share of columns drifted) or bonferroni");
  cmd->add_option("--drift-share", o->lib.drift_share, "Share of drifted columns that makes the dataset drift (default 0.5)");
  cmd->add_option("--alpha", o->lib.alpha, "Family-wise level for --method bonferroni over columns (default 0.05)");
  cmd->add_option("--binning", o->binning, "Whose binning and tests decide a feature: genops (default), evidently or tfdv");
  cmd->add_option("--threshold", o->thresholds,
                  "Override a threshold: psi_warn, psi, js, linf, p_value, embedding, new_category (NAME=VALUE, repeatable)");
  cmd->add_option("--embedding-provider", o->provider, "Embed inputs with this configured provider (default: offline hash-embed)");
  cmd->add_flag("--no-embedding", o->no_embedding, "Skip the embedding test");
  cmd->add_flag("--gate", o->gate, "Exit 1 when the dataset drifted");
  cmd->add_flag("--json", o->json, "Print the report as JSON");
  cmd->add_option("--output", o->output, "Also write the report to FILE.md (Markdown) or FILE.json");
  cmd->footer(example({"genops skew --reference eval:evals/support.yaml --current runs:support --since 7d",
                       "genops skew --reference file:data/eval.jsonl --current file:prod.jsonl --feature tier:category --gate",
                       "genops skew --reference file:data/eval.jsonl --current file:prod.jsonl --binning evidently",
                       "genops skew --reference eval:evals/support.yaml --current runs:support --json --output skew.md"}));
  cmd->callback([o, &ctx] { run_skew(ctx, *o); });
}

}  // namespace genops::cli
