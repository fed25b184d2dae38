#pragma once
// Which shard of a named eval run this process runs (`genops eval --shard
// i/n --run-name NAME`), and the deterministic ids of a sharded run's rows,
// so every machine (and a retried CI job) writes into the same rows.
#include <functional>
#include <optional>
#include <string>

namespace genops::cli {

struct ShardSpec {
  int index = 1;       // 1-based
  int count = 1;
  std::string source;  // where it came from: "--shard", "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", or "" (1/1)
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// Looks an environment variable up; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const char*)>;
// The process environment.
EnvLookup process_env();

// The shard of a named run: the --shard flag ("i/n", 1-based) when given;
// else a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (0-based) with
// JOB_COMPLETION_COUNT; else a Slurm array's SLURM_ARRAY_TASK_ID with
// SLURM_ARRAY_TASK_COUNT, counted from SLURM_ARRAY_TASK_MIN by
// SLURM_ARRAY_TASK_STEP; else 1/1 (the whole eval under that name). Throws
// Error(usage) naming the flag or variable for a malformed or out-of-range value.
ShardSpec resolve_shard(const std::string& flag, const EnvLookup& env);

// The id of shard `shard` of run `run_name` of eval `suite` (16 hex digits, as run ids).
std::string shard_run_id(const std::string& suite, const std::string& run_name, const ShardSpec& shard);
// The id of the whole of run `run_name` of eval `suite`, written by `genops evals finish`.
std::string whole_run_id(const std::string& suite, const std::string& run_name);

// Throws Error(usage) unless `run_name` is 1..200 printable characters without spaces.
void check_run_name(const std::string& run_name);

}  // namespace genops::cli
