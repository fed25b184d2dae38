#pragma once
// The composition root: global options, the project and the store, opened
// lazily so that `genops --version` touches nothing. The only place that
// picks implementations.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "chains/index/index_retriever.hpp"
#include "chains/index/index_store.hpp"
#include "chains/store/run_recorder.hpp"
#include "cli/telemetry.hpp"
#include "core/config/project.hpp"
#include "core/lineage/store.hpp"
#include "core/llm/model_client.hpp"
#include "core/prompt/prompt_store.hpp"
#include "eval/store/eval_store.hpp"
#include "providers/batch/batch_store.hpp"
#include "providers/cache/sqlite_response_cache.hpp"
#include "providers/registry.hpp"

namespace genops::cli {

struct GlobalOptions {
  std::string project_dir;  // --project
  std::string store;        // --store
  int http_connections = 64;  // requests in flight over HTTP at once (raised by `eval -j`)
};

class Context {
 public:
  GlobalOptions options;

  // The project (genops.yaml), loaded on first use; throws Error(invalid_input) when absent.
  const core::config::Project& project();
  // The project when there is one; otherwise settings from the environment only.
  const core::config::Project& project_or_defaults();
  // The store for a command that writes: opened (created, migrated) on first
  // use; a read-only store is Error(storage) naming it.
  core::lineage::Store& store();
  // The store for a command that only reads: never created (a missing store is
  // Error(storage) with a hint); a read-only store is opened read-only.
  core::lineage::Store& read_store();
  // The prompt store (core/prompt) over store() for Access::write or
  // read_store() for Access::read; built once each.
  core::prompt::PromptStore& prompts(core::lineage::Access access = core::lineage::Access::write);
  // The retrieval indexes (chains/index) over store() or read_store(), as for prompts().
  chains::IndexStore& indexes(core::lineage::Access access);
  // Connections of their own to the project's store, for the work that writes
  // from other threads or must not share a transaction: eval results, run
  // records, retrieval. Opened here and nowhere else, so the backend (a SQLite
  // file or a PostgreSQL server) is picked in one place. Call store() or
  // read_store() first: they create and migrate it.
  std::unique_ptr<eval::EvalStore> open_eval_store(core::lineage::Access access = core::lineage::Access::write);
  // The run recorder; when telemetry is configured (docs/telemetry.md) it also exports spans.
  std::unique_ptr<RecordingSink> open_run_recorder();
  // Exports a finished eval case as a span, when telemetry is configured. Never throws.
  void trace_eval_case(const std::string& suite, const std::string& eval_run_id, const eval::CaseResult& result);
  std::unique_ptr<chains::IndexRetriever> open_index_retriever(chains::Embedders embedders);
  std::unique_ptr<providers::batch::BatchStore> open_batch_store();
  // A prompt store over `store`, a connection of the caller's own (the viewer's workers).
  std::unique_ptr<core::prompt::PromptStore> open_prompt_store(core::lineage::Store& store);
  // Another store named on the command line (`store merge`), at a path or URL.
  std::unique_ptr<core::lineage::Store> open_other_store(const std::string& location, core::lineage::Access access);

  // The author recorded with new versions: GENOPS_AUTHOR, git user.name, or $USER;
  // looked up once (it runs git).
  std::string author();

  // What provider clients share: one HTTP client, one timer thread, the
  // store's response cache (unless `cache` is no) and the project's prices.
  enum class Cache { yes, no };
  const providers::ClientDeps& client_deps(Cache cache = Cache::yes);
  // The client for provider `name` (built once); throws Error(invalid_input)
  // for an unknown provider or an unset key variable.
  // `batch` no: the live client even when wrap_client would batch it (judge_batch: false).
  enum class Batch { yes, no };
  core::llm::ModelClient& model_client(const std::string& name, Cache cache = Cache::yes, Batch batch = Batch::yes);

  // Batch runs (docs/batch.md, cli/eval_batch.cpp): when set, every client
  // model_client() builds passes through it, which returns it or a batching one.
  using ClientWrapper = std::function<std::unique_ptr<core::llm::ModelClient>(
      const core::config::ProviderConfig&, std::unique_ptr<core::llm::ModelClient>)>;
  ClientWrapper wrap_client;
  bool judges_live = false;  // judge_batch: false: judges call their providers live

  ~Context();

 private:
  core::config::ProjectOptions project_options() const;
  std::string find_author();
  std::optional<core::config::Project> m_project;
  std::optional<std::string> m_author;
  std::unique_ptr<core::lineage::Store> m_store;       // opened for writing
  std::unique_ptr<core::lineage::Store> m_read_store;  // opened for reading, when m_store was not yet
  std::unique_ptr<core::prompt::PromptStore> m_prompts[2];  // by Access: write, read
  std::unique_ptr<chains::IndexStore> m_indexes[2];
  std::unique_ptr<providers::cache::SqliteResponseCache> m_cache;
  std::optional<providers::ClientDeps> m_deps;
  std::map<std::string, std::unique_ptr<core::llm::ModelClient>> m_clients;
  Telemetry* telemetry();  // null when off
  std::optional<std::optional<Telemetry>> m_telemetry;  // outer: resolved yet
};

}  // namespace genops::cli
