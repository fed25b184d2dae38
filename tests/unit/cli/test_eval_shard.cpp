#include <doctest/doctest.h>

#include <map>

#include "cli/eval_shard.hpp"
#include "core/error.hpp"

using genops::cli::EnvLookup;
using genops::cli::resolve_shard;
using genops::cli::ShardSpec;

namespace {

EnvLookup env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// The message of the usage error resolve_shard throws.
std::string usage_error(const std::string& flag, std::map<std::string, std::string> vars) {
  try {
    resolve_shard(flag, env(std::move(vars)));
  } catch (const genops::core::Error& e) {
    CHECK(e.kind() == genops::core::ErrorKind::usage);
    return e.what();
  }
  FAIL("no error");
  return "";
}

}  // namespace

TEST_CASE("cli::resolve_shard: the flag, then Kubernetes, then Slurm, else 1/1") {
  CHECK(resolve_shard("2/4", env({{"JOB_COMPLETION_INDEX", "0"}, {"JOB_COMPLETION_COUNT", "2"}})).text() == "2/4");
  auto k8s = resolve_shard("", env({{"JOB_COMPLETION_INDEX", "3"}, {"JOB_COMPLETION_COUNT", "4"}}));
  CHECK(k8s.text() == "4/4");
  CHECK(k8s.source == "JOB_COMPLETION_INDEX");
  CHECK(resolve_shard("", env({{"SLURM_ARRAY_TASK_ID", "10"}, {"SLURM_ARRAY_TASK_COUNT", "4"},
                               {"SLURM_ARRAY_TASK_MIN", "10"}})).text() == "1/4");
  CHECK(resolve_shard("", env({{"SLURM_ARRAY_TASK_ID", "6"}, {"SLURM_ARRAY_TASK_COUNT", "4"},
                               {"SLURM_ARRAY_TASK_MIN", "0"}, {"SLURM_ARRAY_TASK_STEP", "2"}})).text() == "4/4");
  auto whole = resolve_shard("", env({}));
  CHECK(whole.text() == "1/1");
  CHECK(whole.source.empty());
}

TEST_CASE("cli::resolve_shard: bad values are usage errors naming the flag or variable") {
  CHECK(usage_error("0/4", {}) == "--shard: expected I/N with 1 <= I <= N, got \"0/4\"");
  CHECK(usage_error("4", {}) == "--shard: expected I/N with 1 <= I <= N, got \"4\"");
  CHECK(usage_error("+1/4", {}) == "--shard: expected I/N with 1 <= I <= N, got \"+1/4\"");
  CHECK(usage_error("", {{"JOB_COMPLETION_INDEX", "4"}, {"JOB_COMPLETION_COUNT", "4"}}) ==
        "JOB_COMPLETION_INDEX=4 with JOB_COMPLETION_COUNT=4: expected 0 <= index < count");
  CHECK(usage_error("", {{"JOB_COMPLETION_INDEX", "1"}}) == "JOB_COMPLETION_INDEX is set but JOB_COMPLETION_COUNT is not");
  CHECK(usage_error("", {{"JOB_COMPLETION_INDEX", "one"}, {"JOB_COMPLETION_COUNT", "4"}}) ==
        "JOB_COMPLETION_INDEX: expected a non-negative number, got \"one\"");
  CHECK(usage_error("", {{"SLURM_ARRAY_TASK_ID", "3"}, {"SLURM_ARRAY_TASK_COUNT", "4"}, {"SLURM_ARRAY_TASK_MIN", "4"}}) ==
        "SLURM_ARRAY_TASK_ID=3 is not one of SLURM_ARRAY_TASK_COUNT=4 tasks from SLURM_ARRAY_TASK_MIN=4 by 1");
}

TEST_CASE("cli::shard_run_id: fixed by eval, run name and shard") {
  ShardSpec two{2, 4, "--shard"};
  CHECK(genops::cli::shard_run_id("support", "ci-1", two) == genops::cli::shard_run_id("support", "ci-1", two));
  CHECK(genops::cli::shard_run_id("support", "ci-1", two).size() == 16);
  CHECK(genops::cli::shard_run_id("support", "ci-1", two) != genops::cli::shard_run_id("support", "ci-2", two));
  CHECK(genops::cli::shard_run_id("support", "ci-1", two) != genops::cli::whole_run_id("support", "ci-1"));
}
