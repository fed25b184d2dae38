#pragma once
// What assertions may call during `genops eval`: judge and embedding clients
// (built up front on the main thread), judge-call recording, and where exec
// scorers run. Fills in each assertion's provider: judges default to
// `defaults.judge`, `similar` to the project's hash-embed provider or a
// built-in one.
#include <map>
#include <memory>
#include <string>

#include "cli/context.hpp"
#include "chains/store/run_records.hpp"
#include "eval/assertions/assertion.hpp"
#include "eval/suite/suite.hpp"

namespace genops::cli {

class EvalServices {
 public:
  // Throws a located Error(invalid_input) for a judge assertion without a
  // provider when no `defaults.judge` is set, or an unknown provider.
  EvalServices(Context& ctx, eval::Suite& suite, chains::RunSink& sink, std::string eval_run_id,
               Context::Cache cache);
  ~EvalServices();

  // Whether assertions wait on I/O (judges, embeddings over HTTP, exec).
  bool slow() const { return m_slow; }
  const eval::assertions::AssertionServices& services() const { return m_services; }

 private:
  void bind(eval::assertions::AssertionSpec& spec, const eval::Suite& suite);
  Context& m_ctx;
  Context::Cache m_cache;
  bool m_slow = false;
  std::map<std::string, core::llm::ModelClient*> m_clients;
  std::unique_ptr<core::llm::ModelClient> m_builtin_embed;
  eval::assertions::AssertionServices m_services;
};

}  // namespace genops::cli
