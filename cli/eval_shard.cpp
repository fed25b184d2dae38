#include "cli/eval_shard.hpp"

#include <cstdlib>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/strings.hpp"

namespace genops::cli {

namespace {

// A non-negative decimal number, or nullopt (signs, spaces and overflow included).
std::optional<long long> parse_count(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  return std::stoll(text);
}

ShardSpec from_flag(const std::string& flag) {
  const auto slash = flag.find('/');
  auto index = slash == std::string::npos ? std::nullopt : parse_count(flag.substr(0, slash));
  auto count = slash == std::string::npos ? std::nullopt : parse_count(flag.substr(slash + 1));
  if (!index || !count || *count < 1 || *index < 1 || *index > *count)
    core::fail_usage("--shard: expected I/N with 1 <= I <= N, got " + core::quote(flag),
                     {"e.g. --shard 2/4 runs the second of four shards (1-based, as Playwright and Jest count)"});
  return {static_cast<int>(*index), static_cast<int>(*count), "--shard"};
}

// A variable that must be a number; `hint` says what it should hold.
long long env_number(const EnvLookup& env, const char* name, const char* hint, const char* with) {
  auto value = env(name);
  if (!value) core::fail_usage(std::string(with) + " is set but " + name + " is not", {hint});
  auto number = parse_count(*value);
  if (!number) core::fail_usage(std::string(name) + ": expected a non-negative number, got " + core::quote(*value), {hint});
  return *number;
}

ShardSpec from_kubernetes(const EnvLookup& env, const std::string& index_text) {
  const char* hint = "an Indexed Job sets JOB_COMPLETION_INDEX (0-based); set JOB_COMPLETION_COUNT to its "
                     "spec.completions in the container's env, or pass --shard I/N";
  auto index = parse_count(index_text);
  if (!index) core::fail_usage("JOB_COMPLETION_INDEX: expected a non-negative number, got " + core::quote(index_text), {hint});
  auto count = env_number(env, "JOB_COMPLETION_COUNT", hint, "JOB_COMPLETION_INDEX");
  if (count < 1 || *index >= count)
    core::fail_usage("JOB_COMPLETION_INDEX=" + index_text + " with JOB_COMPLETION_COUNT=" + std::to_string(count) +
                         ": expected 0 <= index < count",
                     {hint});
  return {static_cast<int>(*index + 1), static_cast<int>(count), "JOB_COMPLETION_INDEX"};
}

ShardSpec from_slurm(const EnvLookup& env, const std::string& id_text) {
  const char* hint = "a Slurm job array (sbatch --array=0-3) sets SLURM_ARRAY_TASK_ID, _COUNT, _MIN and _STEP; "
                     "or pass --shard I/N";
  auto id = parse_count(id_text);
  if (!id) core::fail_usage("SLURM_ARRAY_TASK_ID: expected a non-negative number, got " + core::quote(id_text), {hint});
  auto count = env_number(env, "SLURM_ARRAY_TASK_COUNT", hint, "SLURM_ARRAY_TASK_ID");
  long long min = env("SLURM_ARRAY_TASK_MIN") ? env_number(env, "SLURM_ARRAY_TASK_MIN", hint, "") : 0;
  long long step = env("SLURM_ARRAY_TASK_STEP") ? env_number(env, "SLURM_ARRAY_TASK_STEP", hint, "") : 1;
  if (step < 1) step = 1;
  if (count < 1 || *id < min || (*id - min) % step != 0 || (*id - min) / step >= count)
    core::fail_usage("SLURM_ARRAY_TASK_ID=" + id_text + " is not one of SLURM_ARRAY_TASK_COUNT=" + std::to_string(count) +
                         " tasks from SLURM_ARRAY_TASK_MIN=" + std::to_string(min) + " by " + std::to_string(step),
                     {hint});
  return {static_cast<int>((*id - min) / step + 1), static_cast<int>(count), "SLURM_ARRAY_TASK_ID"};
}

std::string short_hash(const std::string& text) { return core::sha256_hex(text).substr(0, 16); }

}  // namespace

EnvLookup process_env() {
  return [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

ShardSpec resolve_shard(const std::string& flag, const EnvLookup& env) {
  if (!flag.empty()) return from_flag(flag);
  if (auto index = env("JOB_COMPLETION_INDEX")) return from_kubernetes(env, *index);
  if (auto id = env("SLURM_ARRAY_TASK_ID")) return from_slurm(env, *id);
  return {1, 1, ""};
}

std::string shard_run_id(const std::string& suite, const std::string& run_name, const ShardSpec& shard) {
  return short_hash("shard\n" + suite + "\n" + run_name + "\n" + shard.text());
}

std::string whole_run_id(const std::string& suite, const std::string& run_name) {
  return short_hash("run\n" + suite + "\n" + run_name);
}

void check_run_name(const std::string& run_name) {
  bool ok = !run_name.empty() && run_name.size() <= 200;
  for (unsigned char c : run_name) ok = ok && c > ' ' && c != 0x7f;
  if (!ok)
    core::fail_usage("--run-name: expected 1 to 200 characters without spaces, got " + core::quote(run_name),
                     {"use the CI run's id, e.g. --run-name gh-${{ github.run_id }}"});
}

}  // namespace genops::cli
