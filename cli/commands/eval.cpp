// genops eval EVAL.yaml [-j N] [--repeat K] [--filter RE] [--limit N] [--shard I/N --run-name NAME] [--no-cache]
//                       [--batch [--no-wait]]
//                       [--resume RUN] [--label L] [--baseline LABEL|RUN] [--output FILE]... [--json]
#include "cli/commands/commands.hpp"
#include "cli/eval_session.hpp"

namespace genops::cli {

void add_eval_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<EvalCommandOptions>();
  auto* cmd = app.add_subcommand("eval", "Run an eval: score a chain or prompt on its cases, gate on the results");
  cmd->add_option("eval", o->file, "The eval file (YAML)")->required();
  cmd->add_option("-j,--jobs", o->jobs, "Cases run at once (default: defaults.concurrency)")->check(CLI::Range(1, 4096));
  cmd->add_option("--repeat", o->repeat, "Run each case K times (overrides the file; turns the cache off)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--filter", o->filter, "Only cases whose id, description or vars match this regex");
  cmd->add_option("--limit", o->limit, "Only the first N cases (after --filter)");
  cmd->add_option("--shard", o->shard,
                  "Only shard I of N (1-based), e.g. 2/4, of the run named by --run-name (default: from "
                  "JOB_COMPLETION_INDEX/COUNT or SLURM_ARRAY_TASK_ID/COUNT, else 1/1)");
  cmd->add_option("--run-name", o->run_name,
                  "Write into the named run shared by every shard (not gated here: genops evals finish NAME gates it)");
  cmd->add_flag("--no-cache", o->no_cache, "Call the models even when a cached reply exists");
  cmd->add_option("--resume", o->resume, "Finish an interrupted run (its id, a prefix, or last): only missing cases run");
  cmd->add_option("--label", o->label, "Label this run (e.g. main) so later runs can use it as their baseline");
  cmd->add_option("--baseline", o->baseline, "Compare with the last run with this label, or this run id");
  cmd->add_option("-o,--output", o->outputs, "Write a report: .json .jsonl .xml (JUnit) .md .html .csv (repeatable)");
  cmd->add_flag("--json", o->json, "Print the JSON report on stdout instead of the table");
  cmd->add_flag("--batch", o->batch,
                "Run the providers with a batch API (openai, anthropic) as provider batches: about half the price, "
                "results within 24 h");
  cmd->add_flag("--no-wait", o->no_wait, "With --batch: submit the batches, print the resume command and exit 0");
  cmd->add_flag("--dry-run", o->dry_run, "Load and check everything and count the results; call nothing, record no run");
  cmd->footer(example({"genops eval evals/support.yaml -j 16 --output report.html --output junit.xml",
                       "genops eval evals/support.yaml --label main             # on the main branch",
                       "genops eval evals/support.yaml --baseline main -o comment.md   # on a pull request",
                       "genops eval evals/support.yaml --resume last            # after Ctrl-C or a crash",
                       "genops eval evals/support.yaml --dry-run --json         # check it and count, call nothing",
                       "genops eval evals/nightly.yaml --batch --no-wait        # half price; resume later",
                       "genops eval evals/support.yaml --shard 2/4 --run-name ci-42   # one of four machines"}));
  cmd->callback([&ctx, o] { run_eval_session(ctx, *o); });
}

}  // namespace genops::cli
