// genops score METRIC (--hyp FILE --ref FILE [--ref FILE]... | --input F.jsonl)
//                     [--per-line] [--param k=v]... [--json]
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "eval/metrics/score_files.hpp"

namespace genops::cli {

namespace {

namespace metrics = eval::metrics;

struct ScoreOptions {
  std::string metric;
  std::string hyp;
  std::vector<std::string> refs;
  std::string input;
  std::vector<std::string> params;
  bool per_line = false;
  bool json = false;
};

metrics::ScoreInput read_input(const ScoreOptions& o) {
  if (!o.input.empty()) {
    if (!o.hyp.empty() || !o.refs.empty()) {
      core::fail_usage("--input cannot be combined with --hyp or --ref", {"give either --input F.jsonl or --hyp and --ref files"});
    }
    return metrics::read_segment_jsonl(o.input);
  }
  if (o.hyp.empty() || o.refs.empty()) {
    core::fail_usage("nothing to score: give --hyp FILE with at least one --ref FILE, or --input F.jsonl",
                     {"see genops score --help"});
  }
  const std::vector<std::filesystem::path> refs(o.refs.begin(), o.refs.end());
  return metrics::read_segment_files(o.hyp, refs);
}

void run_score(const ScoreOptions& o) {
  const auto mode = o.per_line ? metrics::ScoreMode::per_line : metrics::ScoreMode::corpus;
  // Parameters are checked before any file is read: a typo fails fast.
  const auto settings = metrics::parse_score_settings(o.metric, o.params, mode);
  const auto results = metrics::score_segments(settings, mode, read_input(o));
  for (const auto& result : results) {
    if (o.json && mode == metrics::ScoreMode::corpus) {
      print_json(result.json);
    } else if (o.json) {
      std::cout << core::dump_json(result.json) << '\n';  // JSONL: one object per segment
    } else {
      std::cout << result.text << '\n';
    }
  }
}

}  // namespace

void add_score_command(CLI::App& app, Context& /*ctx*/) {
  auto o = std::make_shared<ScoreOptions>();
  auto* cmd = app.add_subcommand("score", "Score hypotheses against references: BLEU, chrF, ROUGE, Levenshtein");
  cmd->add_option("metric", o->metric,
                  "bleu, chrf, chrf++, rouge1, rouge2, rougeL, rougeLsum, levenshtein or indel-ratio")
      ->required();
  cmd->add_option("--hyp", o->hyp, "Hypotheses, one segment per line");
  cmd->add_option("--ref", o->refs, "References, one segment per line (repeat for each reference stream)");
  cmd->add_option("--input", o->input, "JSONL rows {\"hypothesis\": \"...\", \"references\": [\"...\"]}");
  cmd->add_flag("--per-line", o->per_line, "One score per segment instead of the corpus score");
  cmd->add_option("--param", o->params, "A metric parameter under the reference project's name, NAME=VALUE (repeatable)");
  cmd->add_flag("--json", o->json, "Print JSON (with --per-line: one JSON object per line)");
  cmd->footer("\n" + std::string(metrics::score_conventions()) + "\n" +
              example({"genops score bleu --hyp sys.txt --ref ref1.txt --ref ref2.txt",
                       "  BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:genops-0.1 = 48.53 82.4/50.0/...",
                       "genops score chrf++ --hyp sys.txt --ref ref.txt --json",
                       "genops score rougeL --input outputs.jsonl --param use_stemmer=true --per-line",
                       "genops score bleu --hyp sys.txt --ref ref.txt --param tokenize=intl --param smooth_method=floor"}));
  cmd->callback([o] { run_score(*o); });
}

}  // namespace genops::cli
