#include "cli/eval_shards_finish.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "cli/chain_setup.hpp"
#include "cli/eval_finish.hpp"
#include "cli/eval_shard.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "eval/store/eval_store.hpp"
#include "core/strings.hpp"
#include "eval/reports/report.hpp"
#include "eval/session/shards.hpp"
#include "eval/suite/loader.hpp"

namespace genops::cli {

namespace {

using eval::EvalRunRecord;
using eval::EvalStore;

// The shards of `name` of one eval: `eval_name` when given, else the only one.
std::vector<EvalRunRecord> pick_shards(EvalStore& evals, const EvalsFinishOptions& o, const std::string& eval_name,
                                       const std::string& store_path) {
  std::map<std::string, std::vector<EvalRunRecord>> by_eval;
  for (auto& shard : evals.shards_of(o.name))
    if (eval_name.empty() || shard.suite == eval_name) by_eval[shard.suite].push_back(std::move(shard));
  if (by_eval.empty())
    core::fail_input("no shard of run " + core::quote(o.name) + (eval_name.empty() ? "" : " of eval " + core::quote(eval_name)) +
                         " is in the store " + store_path,
                     {"each machine runs: genops eval EVAL.yaml --shard I/N --run-name " + o.name,
                      "with a store per machine, merge them first: genops store merge shard-*.db"});
  if (by_eval.size() > 1) {
    std::vector<std::string> names;
    for (const auto& [suite, _] : by_eval) names.push_back(suite);
    core::fail_usage("run " + core::quote(o.name) + " holds shards of the evals " + core::join(names, ", "),
                     {"choose one with: genops evals finish " + o.name + " --eval EVAL.yaml"});
  }
  auto shards = std::move(by_eval.begin()->second);
  std::set<std::int64_t> counts;
  for (const auto& s : shards) counts.insert(s.shard_count);
  if (counts.size() > 1)
    core::fail_input("the shards of run " + core::quote(o.name) + " were cut different numbers of ways (" +
                         core::join([&] {
                           std::vector<std::string> t;
                           for (auto c : counts) t.push_back("N=" + std::to_string(c));
                           return t;
                         }(), ", ") + ")",
                     {"run every shard with the same --shard I/N, or choose a new --run-name"});
  return shards;
}

// Throws Error(invalid_input) listing what is missing unless shards 1..N all finished.
void check_complete(const std::vector<EvalRunRecord>& shards, const EvalsFinishOptions& o) {
  const auto found = eval::session::census(shards);
  if (found.complete()) return;
  const auto& path = shards.front().suite_path.empty() ? std::string("EVAL.yaml") : shards.front().suite_path;
  throw core::Error(core::ErrorKind::invalid_input,
                    "run " + core::quote(o.name) + " is not complete: " + std::to_string(found.in) + " of " +
                        std::to_string(found.count) + " shards are in; " + found.describe(),
                    {"run each shard that is not in (the same command finishes an interrupted or abandoned one): "
                     "genops eval " + path + " --shard I/" + std::to_string(found.count) + " --run-name " + o.name,
                     "with a store per machine, merge them all first: genops store merge shard-*.db"});
}

eval::Suite load_run_suite(const EvalsFinishOptions& o, const std::vector<EvalRunRecord>& shards) {
  const std::string path = o.eval_file.empty() ? shards.front().suite_path : o.eval_file;
  if (o.eval_file.empty() && !std::filesystem::exists(path))
    core::fail_input("run " + core::quote(o.name) + ": its eval file " + core::quote(path) + " is not here",
                     {"run genops evals finish in the project the shards ran in, or pass --eval FILE"});
  auto suite = eval::load_suite(path);
  for (const auto& s : shards)
    if (s.suite_hash != shards.front().suite_hash)
      core::fail_input("the shards of run " + core::quote(o.name) + " ran different versions of " + path,
                       {"run every shard from the same commit, or choose a new --run-name"});
  if (suite.content_hash != shards.front().suite_hash)
    print_warning(path + " changed since the shards ran; its gate is applied as it is now");
  return suite;
}

}  // namespace

void finish_sharded_run(Context& ctx, const EvalsFinishOptions& o) {
  check_run_name(o.name);
  for (const auto& out : o.outputs) eval::reports::check_report_path(out);
  auto& store = ctx.store();
  auto eval_store = ctx.open_eval_store();
  auto& evals = *eval_store;
  std::string eval_name;
  std::optional<eval::Suite> given;
  if (!o.eval_file.empty()) {
    given = eval::load_suite(o.eval_file);
    eval_name = given->name;
  }
  auto shards = pick_shards(evals, o, eval_name, store.path().string());
  check_complete(shards, o);
  auto suite = given ? std::move(*given) : load_run_suite(o, shards);
  if (given) load_run_suite(o, shards);  // the same checks of the shards' versions

  EvalCommandOptions eo;
  eo.file = o.eval_file.empty() ? shards.front().suite_path : o.eval_file;
  eo.outputs = o.outputs;
  eo.baseline = o.baseline;
  eo.label = o.label;
  eo.json = o.json;
  const auto record = eval::session::whole_run(shards, whole_run_id(suite.name, o.name), host_name());
  if (auto existing = evals.find_run(record.id); existing && existing->id == record.id) {
    print_note("run " + o.name + " (" + record.id + ") was finished before; it is summarised and gated again");
    evals.reopen_run(record.id);
  } else {
    evals.begin_run(record);
  }
  StartedEval started{record.id, record.started_at, record.target, record.provider_used, suite.name, suite.providers};
  try {
    const auto baseline = find_baseline_run(evals, suite, eo, record.id);
    open_jsonl_reports(evals, started, o.outputs);  // every result is in: written whole, then closed
    print_note("eval " + suite.name + ": run " + o.name + " (" + record.id + "), " + std::to_string(shards.size()) +
               " shards in");
    finish_eval_session(ctx, suite, eo, evals, record.id, record.started_at, record.target, baseline,
                        record.provider_used);
  } catch (const std::exception& e) {
    fail_eval_session(ctx, eo, started, e.what());
    throw;
  }
}

}  // namespace genops::cli
