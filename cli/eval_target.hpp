#pragma once
// The target of `genops eval` bound to the chain runner: a chain file, or a
// prompt version wrapped in a one-step chain; one runner per matrix provider.
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "chains/runner.hpp"
#include "cli/context.hpp"
#include "chains/store/run_records.hpp"
#include "core/retrieval/retriever.hpp"
#include "eval/run/target.hpp"
#include "eval/suite/suite.hpp"

namespace genops::cli {

class EvalTarget {
 public:
  // Loads the target against the project (prompt files register versions),
  // once per provider of the matrix. Throws Error(invalid_input).
  EvalTarget(Context& ctx, const eval::Suite& suite, chains::RunSink& sink, Context::Cache cache, int threads);
  ~EvalTarget();

  const std::string& description() const { return m_description; }  // "chain chains/x.yaml", "prompt a@3"
  const std::string& version() const { return m_version; }          // the root chain's version hash
  const std::vector<std::string>& required_inputs() const { return m_required; }
  const std::vector<std::pair<std::string, std::int64_t>>& prompt_versions() const { return m_prompts; }
  const std::vector<std::string>& providers() const { return m_providers; }  // the matrix, or {""}
  const std::string& git_commit() const { return m_git_commit; }  // recorded with every run ("" outside git)
  // Every provider any run may call (for messages and checks).
  std::vector<std::string> called_providers() const;
  // Without a matrix: the providers the target calls, "local" or "a, b", for
  // reports; "" with a matrix (results name their provider).
  std::string provider_used() const;

  // Runs are recorded with `batch_id` (the eval run's id), which keeps them
  // out of skew's production inputs (runs:CHAIN).
  eval::TargetFn function(const std::string& batch_id);
  void interrupt();  // ends runs in flight as interrupted
  void shutdown();   // stops the runners' workers; idempotent

 private:
  struct Lane;
  std::string m_description, m_version, m_output, m_git_commit;
  std::vector<std::string> m_required;
  std::set<std::string> m_inputs;  // every input the root chain declares
  std::vector<std::pair<std::string, std::int64_t>> m_prompts;
  std::vector<std::string> m_providers;
  std::unique_ptr<core::retrieval::Retriever> m_retriever;
  std::map<std::string, core::llm::ModelClient*> m_clients;
  std::map<std::string, std::unique_ptr<Lane>> m_lanes;  // by matrix provider
};

}  // namespace genops::cli
