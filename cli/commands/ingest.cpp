// genops ingest FILE.jsonl --chain NAME [--json] — production inputs logged by another system;
// genops ingest --format otlp FILE|- [--chain NAME] — those of OpenTelemetry GenAI spans.
#include <fstream>
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "eval/skew/ingest.hpp"
#include "eval/skew/otlp_ingest.hpp"

namespace genops::cli {

namespace {

struct IngestOptions {
  std::string file, chain, format = "rows", input_name = "input";
  bool json = false;
};

void run_rows(Context& ctx, const IngestOptions& o) {
  if (o.chain.empty())
    core::fail_usage("--chain is required: it names the chain these inputs were sent to",
                     {"genops ingest " + o.file + " --chain support"});
  const auto s = eval::skew::ingest_file(ctx.store(), o.file, o.chain);
  if (o.json) {
    print_json({{"chain", o.chain}, {"file", o.file}, {"rows", s.rows}, {"added", s.added}, {"present", s.present},
                {"first", s.first}, {"last", s.last}});
    return;
  }
  std::cout << "ingested " << s.added << " of " << s.rows << " rows into runs:" << o.chain;
  if (s.present > 0) std::cout << " (" << s.present << " already stored)";
  if (s.rows > 0) std::cout << ", " << s.first << " to " << s.last;
  std::cout << '\n';
}

void print_otlp_summary(const IngestOptions& o, const eval::skew::OtlpIngestSummary& s) {
  if (o.json) {
    print_json({{"file", o.file}, {"requests", s.requests}, {"spans", s.spans}, {"inputs", s.inputs}, {"added", s.added},
                {"present", s.present}, {"without_content", s.no_content}, {"unnamed", s.unnamed},
                {"invalid", s.invalid}, {"other", s.other}, {"names", s.names}, {"versions", s.versions},
                {"problems", s.problems}, {"first", s.first}, {"last", s.last}});
    return;
  }
  std::vector<std::string> names;
  for (const auto& [name, n] : s.names) {
    auto v = s.versions.find(name);
    names.push_back("runs:" + name + " (" + std::to_string(n) + " inputs" +
                    (v == s.versions.end() ? "" : "; prompt versions " + core::join(v->second, ", ")) + ")");
  }
  std::cout << "ingested " << s.added << " of " << s.inputs << " GenAI span inputs";
  if (!names.empty()) std::cout << " into " << core::join(names, ", ");
  if (s.present > 0) std::cout << " (" << s.present << " already stored)";
  if (!s.first.empty()) std::cout << ", " << s.first << " to " << s.last;
  std::cout << '\n';
  if (s.no_content > 0)
    print_warning(std::to_string(s.no_content) + " GenAI spans carry no captured content (gen_ai.input.messages); not stored\n"
                  "  hint: turn content capture on in the app (OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true)");
  if (s.unnamed > 0)
    print_warning(std::to_string(s.unnamed) + " span inputs have no gen_ai.prompt.name; not stored\n  hint: name them with --chain NAME");
  if (s.invalid > 0) print_warning(std::to_string(s.invalid) + " spans are invalid and were skipped: " + core::join(s.problems, "; "));
  if (s.other > 0) print_note(std::to_string(s.other) + " other spans (not GenAI model calls) ignored");
}

void run_otlp(Context& ctx, const IngestOptions& o) {
  eval::skew::OtlpIngestOptions options{o.file, o.chain, o.input_name};
  auto& store = ctx.store();
  if (o.file == "-") return print_otlp_summary(o, eval::skew::ingest_otlp(store, std::cin, options));
  std::ifstream in(o.file, std::ios::binary);
  if (!in) core::fail_input(o.file + ": file not found", {"an OTLP/JSON file: one export request per line"});
  print_otlp_summary(o, eval::skew::ingest_otlp(store, in, options));
}

}  // namespace

void add_ingest_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<IngestOptions>();
  auto* cmd = app.add_subcommand("ingest", "Store production inputs logged by another system (the current side of genops skew)");
  cmd->add_option("file", o->file,
                  "JSONL or CSV: one input per row; `timestamp` or `ts` (ISO 8601 or Unix seconds), else now. "
                  "With --format otlp: OTLP/JSON export requests, one per line, or - for stdin")
      ->required();
  cmd->add_option("--chain", o->chain,
                  "The chain these inputs were sent to (read back as runs:NAME); with --format otlp, the name for "
                  "spans without gen_ai.prompt.name");
  cmd->add_option("--format", o->format, "rows (JSONL or CSV, the default) or otlp (OpenTelemetry GenAI spans)")
      ->check(CLI::IsMember({"rows", "otlp"}));
  cmd->add_option("--input-name", o->input_name, "With --format otlp: the input field a span's user message is stored under (default input)");
  cmd->add_flag("--json", o->json, "Print the counts as JSON");
  cmd->footer(example({"genops ingest logs/prod-2026-11-20.jsonl --chain support",
                       "  ingested 1000 of 1000 rows into runs:support, 2026-11-20T00:00:03.000Z to 2026-11-20T23:59:58.000Z",
                       "genops ingest --format otlp collector/traces.jsonl --chain support --input-name question",
                       "genops skew --reference eval:evals/support.yaml --current runs:support --since 7d"}));
  cmd->callback([o, &ctx] {
    if (o->format == "otlp") return run_otlp(ctx, *o);
    run_rows(ctx, *o);
  });
}

}  // namespace genops::cli
