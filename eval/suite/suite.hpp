#pragma once
// An eval file (DESIGN §1) after loading: the target, the provider matrix,
// where the cases come from, the assertions and the gate.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/spool.hpp"
#include "eval/assertions/assertion.hpp"

namespace genops::eval {

// What is evaluated: a chain file, or one prompt version.
struct Target {
  std::filesystem::path chain;  // set for {chain: PATH} (resolved against the eval file's folder)
  std::string prompt;           // set for {prompt: REF}, e.g. "support-answer@candidate"
  std::filesystem::path prompt_file;  // set for {prompt: FILE} (a path: has '/' or ends .yaml/.yml), resolved
  std::string output;           // {output: NAME}: which chain output is the text under test ("" = the only one)
};

// An inline test from `tests:`.
struct InlineTest {
  std::string id;               // `id:`, "" when absent
  std::string description;
  nlohmann::json vars = nlohmann::json::object();
  std::optional<std::string> expected;
  std::vector<assertions::AssertionSpec> asserts;  // its own, added to the defaults
  std::string where;            // "evals/x.yaml:12:5: tests[3]"
};

// A metric bound in the gate: mean over cases must lie in [mean_min, mean_max].
struct MetricGate {
  std::optional<double> mean_min, mean_max;
};

struct BaselineGate {
  std::string label;            // compare with the last run labelled so (`genops eval --label`)
  std::string run;              // or a run id
  double max_drop = 0.0;        // largest tolerated drop in pass rate (0.02 = two points)
  double alpha = 0.05;          // significance level of the paired test
};

struct SkewGate {
  std::string current;          // a skew source: "runs:support", "file:prod.jsonl"
  std::string since;            // "7d", "" for all
  std::string binning;          // "genops" (""), "evidently" or "tfdv": whose tests decide (docs/skew.md)
};

struct Gate {
  std::optional<double> pass_rate;             // share of cases that pass (0..1)
  std::map<std::string, MetricGate> metrics;   // by metric name
  std::optional<BaselineGate> baseline;
  std::optional<SkewGate> skew;
};

struct Suite {
  std::filesystem::path path;   // the eval file
  std::string name;
  std::string description;
  Target target;
  std::vector<std::string> providers;          // the matrix; empty = the chain's own providers
  std::filesystem::path dataset;               // what to read: "" when there is none; a pipe's temporary copy
  std::filesystem::path dataset_origin;        // the dataset as named (resolved against the eval file's folder)
  std::shared_ptr<const core::RereadableFile> dataset_copy;  // keeps a pipe's copy while the suite lives
  std::map<std::string, std::string> var_map;  // `vars:` mapping: target input -> dataset column (renamed)
  int repeat = 1;
  std::optional<double> case_threshold;        // pass when the weighted score clears it (instead of all-pass)
  std::vector<assertions::AssertionSpec> default_asserts;
  std::vector<InlineTest> tests;
  std::string judge;                           // default judge provider ("" = none configured)
  // `batch:` (docs/batch.md): true = every provider with a batch API runs as
  // provider batches; a list names them; judge_batch: false keeps judges live.
  bool batch_all = false;
  std::vector<std::string> batch_providers;
  bool judge_batch = true;
  Gate gate;
  std::string content_hash;                    // of the eval file's text
};

}  // namespace genops::eval
