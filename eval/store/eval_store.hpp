#pragma once
// Eval runs and their results in the lineage store (migration 6): one row per
// (case, provider, repeat), written in batches so a reported result is on
// disk, labels for baselines, and the prompt versions each run used.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/lineage/sqlite.hpp"
#include "core/lineage/store.hpp"
#include "core/lineage/write_queue.hpp"
#include "eval/result.hpp"
#include "eval/session/result_store.hpp"

namespace genops::eval {

struct EvalRunRecord {
  std::string id;
  std::string suite;           // the eval's name
  std::string suite_path;
  std::string suite_hash;
  std::string target;          // "chain:chains/support.yaml" or "prompt:support-answer@candidate"
  std::string target_version;  // the chain version hash
  std::string providers_json = "[]";
  std::int64_t repeat = 1;
  std::string status = "running";  // running, finished, interrupted, failed; read back as abandoned when its owner is gone
  std::string started_at;
  std::string ended_at;
  std::int64_t planned = 0;    // results it meant to produce (after filters)
  std::string summary_json;    // "" until it ends
  std::optional<bool> gate_passed;
  std::string git_commit;
  std::string host;
  std::int64_t owner_pid = 0;    // set by begin_run and reopen_run to this process
  std::int64_t owner_start = 0;
  std::vector<std::pair<std::string, std::int64_t>> prompt_versions;  // (prompt name, version number)
  // Sharded runs (migration 8): the shards of one logical run share run_name;
  // a shard has 1 <= shard_index <= shard_count; the whole run that
  // `genops evals finish` records has shard_index 0 and reads the shards' results.
  std::string run_name;
  std::int64_t shard_index = 0;
  std::int64_t shard_count = 0;
  std::string provider_used;   // what reports call results without a matrix provider
  bool is_shard() const { return shard_index > 0; }
  bool is_sharded_whole() const { return shard_index == 0 && shard_count > 0; }
};

class EvalStore final : public session::ResultStore {
 public:
  // Opens its own connection to the (already migrated) store at `path`; with
  // Access::read, read-only when the store cannot be written.
  explicit EvalStore(const std::filesystem::path& path, core::lineage::Access access = core::lineage::Access::write);

  // Records a new run with its prompt versions, owned by this process.
  void begin_run(const EvalRunRecord& run);
  // Writes `results` of eval run `eval_run_id` in one transaction; a key
  // already recorded is kept (a resumed run never records a case twice).
  // Texts are redacted.
  void write_results(const std::string& eval_run_id, std::span<const CaseResult> results) override;
  // With a writer, submit_results queues results for the writer's next
  // transaction (an eval's run recorder: results, runs and steps on one
  // connection, one commit); without one (the default, or nullptr), results
  // are written at once on this store's connection. `writer` must outlive
  // every submission and wait_results.
  void write_through(core::lineage::WriteQueue* writer) { m_writer = writer; }
  std::uint64_t submit_results(const std::string& eval_run_id,
                               std::shared_ptr<const std::vector<CaseResult>> results) override;
  void wait_results(std::uint64_t ticket) override;
  // Marks `id` running again (--resume), owned by this process.
  void reopen_run(const std::string& id);
  void end_run(const std::string& id, const std::string& status, const std::string& summary_json,
               std::optional<bool> gate_passed);
  // Points `label` of eval `suite` at `run_id`, recording who moved it ("" unknown).
  void add_label(const std::string& label, const std::string& suite, const std::string& run_id,
                 const std::string& author = {});

  // A run by id, unique id prefix, or "last"; nullopt when none matches.
  // Throws Error(invalid_input) for an ambiguous prefix.
  std::optional<EvalRunRecord> find_run(const std::string& id_or_prefix);
  // The newest run of eval `suite`; nullopt when it has none.
  std::optional<EvalRunRecord> last_run(const std::string& suite);
  // The newest run of `suite` labelled `label`, except `exclude`.
  std::optional<std::string> run_for_label(const std::string& suite, const std::string& label,
                                           const std::string& exclude = "");
  // Every result of a run in (case_index, provider, repeat) order; for the
  // whole of a sharded run, every result of its shards.
  // Throws Error(storage) when a stored row cannot be read back.
  void for_each_result(const std::string& run_id, const std::function<void(CaseResult)>& visit) override;
  // The shards of logical run `run_name` (of any eval), by eval, shard count and index.
  std::vector<EvalRunRecord> shards_of(const std::string& run_name);
  // Records the prompt versions `run` used (kept once each).
  void add_prompt_versions(const std::string& run_id, const std::vector<std::pair<std::string, std::int64_t>>& versions);
  // Finished runs (never shards) that used version `version` of prompt `prompt`, newest first.
  std::vector<EvalRunRecord> runs_using_prompt(const std::string& prompt, std::int64_t version);

 private:
  void insert_prompt_versions(const std::string& run_id,
                              const std::vector<std::pair<std::string, std::int64_t>>& versions);
  core::lineage::Database m_db;
  core::lineage::WriteQueue* m_writer = nullptr;
};

}  // namespace genops::eval
