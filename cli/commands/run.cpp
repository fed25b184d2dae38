// genops run CHAIN.yaml [--var k=v]... [--vars-file F] [--input-file rows.jsonl] [-j N] [--json] [--stream] [--provider NAME]
#include <iostream>
#include <map>
#include <mutex>

#include "chains/batch.hpp"
#include "chains/row_source.hpp"
#include "chains/runner.hpp"
#include "cli/chain_setup.hpp"
#include "cli/commands/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/output.hpp"
#include "cli/retrieval_setup.hpp"
#include "cli/run_output.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "chains/store/run_recorder.hpp"
#include "core/prompt/render.hpp"

namespace genops::cli {

namespace {

struct RunOptions {
  std::string file;
  std::vector<std::string> vars;
  std::string vars_file;
  std::string input_file;
  int jobs = 0;
  bool json = false;
  bool stream = false;
  std::string provider;
  bool no_cache = false;
};

nlohmann::json single_inputs(const RunOptions& o) {
  auto vars = nlohmann::json::object();
  if (!o.vars_file.empty()) {
    auto parsed = core::parse_json(core::read_file(o.vars_file, 16 * 1024 * 1024));
    if (!parsed) core::fail_input(o.vars_file + ": " + parsed.error());
    if (!parsed->is_object()) core::fail_input(o.vars_file + ": expected a JSON object of inputs");
    vars = *parsed;
  }
  auto assigned = core::prompt::parse_var_assignments(o.vars);
  for (const auto& [k, v] : assigned.items()) vars[k] = v;  // --var wins
  return vars;
}

void check_flags(const RunOptions& o) {
  bool batch = !o.input_file.empty();
  if (batch && (!o.vars.empty() || !o.vars_file.empty()))
    core::fail_usage("--input-file cannot be combined with --var or --vars-file", {"put every input in each row"});
  if (o.stream && (batch || o.json)) core::fail_usage("--stream works for a single run without --json");
}

void run_command(Context& ctx, const RunOptions& o) {
  check_flags(o);
  std::optional<std::string> provider;
  if (!o.provider.empty()) provider = o.provider;
  auto chains = load_chain_file(ctx, o.file, chains::PromptFiles::register_versions, provider);
  // Clients are built here, on this thread; workers only read the map.
  std::map<std::string, core::llm::ModelClient*> clients;
  // The first client built decides whether the response cache is used (--no-cache: never read nor written).
  const auto cache = o.no_cache ? Context::Cache::no : Context::Cache::yes;
  for (const auto& name : chains->providers()) clients[name] = &ctx.model_client(name, cache);
  auto run_recorder = ctx.open_run_recorder();
  auto& recorder = *run_recorder;
  chains::Services services;
  services.client = [&clients](const std::string& name) -> core::llm::ModelClient& {
    auto it = clients.find(name);
    if (it == clients.end()) core::fail_input("provider " + name + " is not configured");
    return *it->second;
  };
  services.sink = &recorder;
  services.secret_env = secret_env_names(ctx);
  auto retriever = ctx.open_index_retriever(index_embedders(ctx));
  services.retriever = retriever.get();
  std::mutex stderr_mutex;
  services.warn = [&stderr_mutex](const std::string& m) {
    std::lock_guard lock(stderr_mutex);
    print_warning(m);
  };
  int jobs = o.jobs > 0 ? o.jobs : ctx.project().defaults.concurrency;
  chains::Runner runner(chains, services, {2, git_commit(ctx.project().root), host_name()});
  InterruptGuard guard;
  chains::BatchOptions batch;
  batch.concurrency = o.input_file.empty() ? 1 : std::max(1, jobs);
  batch.interrupted = [] { return InterruptGuard::requested(); };
  bool streamed = false;
  if (o.stream) {
    batch.stream = [&streamed](std::string_view delta) {
      streamed = true;
      std::cout << delta << std::flush;
    };
  }
  chains::BatchSummary summary;
  if (o.input_file.empty()) {
    batch.record_rows = false;
    summary = chains::run_batch(runner, &recorder, chains::single_row(single_inputs(o)), batch,
                                [&](std::size_t, const chains::RunResult& r) {
                                  if (streamed) std::cout << '\n';
                                  else if (r.status == chains::RunStatus::succeeded) print_run_result(r, o.json);
                                  else if (o.json) print_run_result(r, true);
                                });
  } else {
    batch.batch_id = chains::new_run_id();
    summary = chains::run_batch(runner, &recorder, chains::open_jsonl_rows(o.input_file), batch, print_row);
  }
  runner.shutdown();
  recorder.flush();
  if (!o.input_file.empty()) return finish_batch(summary);
  if (summary.interrupted) throw core::Error(core::ErrorKind::interrupted, "interrupted; the run is recorded as interrupted");
  if (summary.first_failure) throw_run_failure(*summary.first_failure);
}

}  // namespace

void add_run_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<RunOptions>();
  auto* cmd = app.add_subcommand("run", "Run a chain: once with --var inputs, or once per row of --input-file");
  cmd->add_option("chain", o->file, "The chain file (YAML)")->required();
  cmd->add_option("--var", o->vars, "An input, NAME=VALUE (repeatable)");
  cmd->add_option("--vars-file", o->vars_file, "A JSON file with an object of inputs");
  cmd->add_option("--input-file", o->input_file, "A JSONL file: one run per row, results as JSONL in row order");
  cmd->add_option("-j,--jobs", o->jobs, "Rows run at once (default: defaults.concurrency)")->check(CLI::Range(1, 1024));
  cmd->add_flag("--json", o->json, "Print the result as JSON");
  cmd->add_flag("--stream", o->stream, "Print the last llm step's reply as it arrives");
  cmd->add_option("--provider", o->provider, "Send every llm and agent step to this provider");
  cmd->add_flag("--no-cache", o->no_cache, "Call the models even when the response cache has the reply (and do not store replies)");
  cmd->footer(example({"genops run chains/support.yaml --var question=\"How do I get a refund?\"",
                       "genops run chains/support.yaml --input-file questions.jsonl -j 8 > answers.jsonl",
                       "genops runs trace last"}));
  cmd->callback([&ctx, o] { run_command(ctx, *o); });
}

}  // namespace genops::cli
