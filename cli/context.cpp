#include "cli/context.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <cstdlib>

#include "cli/output.hpp"
#include "core/strings.hpp"
#include "providers/http/retry.hpp"

namespace genops::cli {

core::config::ProjectOptions Context::project_options() const {
  core::config::ProjectOptions o;
  if (!options.project_dir.empty()) o.project_dir = options.project_dir;
  if (!options.store.empty()) o.store = options.store;
  return o;
}

const core::config::Project& Context::project() {
  if (!m_project) m_project = core::config::load_project(project_options(), core::config::Require::project);
  return *m_project;
}

const core::config::Project& Context::project_or_defaults() {
  if (!m_project) m_project = core::config::load_project(project_options(), core::config::Require::store_only);
  return *m_project;
}

namespace {

// Prints a note when a request has been retrying for a while: at most one
// line per provider every few seconds, so a 429 storm stays readable.
providers::http::RetryObserver slow_retry_printer() {
  struct State {
    std::mutex mutex;
    std::map<std::string, std::chrono::steady_clock::time_point> last;
  };
  auto state = std::make_shared<State>();
  return [state](const providers::http::RetryNote& note) {
    constexpr auto k_every = std::chrono::seconds(5);
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(state->mutex);
    auto it = state->last.find(note.label);
    if (it != state->last.end() && now - it->second < k_every) return;
    state->last[note.label] = now;
    print_note("genops: " + providers::http::describe_retry_note(note));
  };
}

}  // namespace

core::lineage::Store& Context::store() {
  // A store opened for reading stays open (references to it stay valid).
  if (!m_store) m_store = std::make_unique<core::lineage::Store>(project().store_path, core::lineage::Access::write);
  return *m_store;
}

core::lineage::Store& Context::read_store() {
  if (m_store) return *m_store;
  if (!m_read_store)
    m_read_store = std::make_unique<core::lineage::Store>(project().store_path, core::lineage::Access::read);
  return *m_read_store;
}

core::prompt::PromptStore& Context::prompts(core::lineage::Access access) {
  const bool write = access == core::lineage::Access::write;
  auto& slot = m_prompts[write ? 0 : 1];
  if (!slot) slot = std::make_unique<core::prompt::PromptStore>(write ? store() : read_store());
  return *slot;
}

chains::IndexStore& Context::indexes(core::lineage::Access access) {
  const bool write = access == core::lineage::Access::write;
  auto& slot = m_indexes[write ? 0 : 1];
  if (!slot) slot = std::make_unique<chains::IndexStore>((write ? store() : read_store()).db());
  return *slot;
}

Context::~Context() {
  // Spans first: flushed while everything they describe is done.
  if (m_telemetry && *m_telemetry) close_telemetry(**m_telemetry);
  // Clients first (they may still deliver replies into the cache), then the cache.
  m_clients.clear();
  m_deps.reset();
  m_cache.reset();
}

const providers::ClientDeps& Context::client_deps(Cache cache) {
  if (!m_deps) {
    providers::ClientDeps deps;
    providers::http::ClientOptions http;
    http.max_connections = options.http_connections;
    http.on_slow_retry = slow_retry_printer();
    // GENOPS_LOG=debug lines leave through the one stderr sink (cli/output.hpp).
    if (const char* level = std::getenv("GENOPS_LOG"); level && std::string_view(level) == "debug")
      http.debug_log = [](std::string_view line) { print_note(line); };
    deps.http = providers::http::make_curl_client(http);
    deps.timers = providers::http::make_timer_thread(
        [](const std::string& what) { print_warning("internal error in a provider timer (a bug; please report it): " + what); });
    deps.prices = project().prices;
    if (cache == Cache::yes) {
      store();  // opens and migrates before a second connection is made
      m_cache = std::make_unique<providers::cache::SqliteResponseCache>(project().store_path);
      deps.cache = m_cache.get();
    }
    m_deps = std::move(deps);
  }
  return *m_deps;
}

core::llm::ModelClient& Context::model_client(const std::string& name, Cache cache, Batch batch) {
  const bool wrap = wrap_client && batch == Batch::yes;
  const std::string key = wrap || !wrap_client ? name : name + "\n(live)";
  auto it = m_clients.find(key);
  if (it != m_clients.end()) return *it->second;
  const auto& config = project().provider(name);
  auto client = providers::make_client(config, client_deps(cache));
  if (wrap) client = wrap_client(config, std::move(client));
  return *m_clients.emplace(key, std::move(client)).first->second;
}

std::string Context::author() {
  if (!m_author) m_author = find_author();
  return *m_author;
}

std::string Context::find_author() {
  if (auto a = core::config::process_env("GENOPS_AUTHOR")) return *a;
  if (std::FILE* pipe = popen("git config user.name 2>/dev/null", "r")) {
    char buf[256];
    std::string name;
    while (std::fgets(buf, sizeof buf, pipe)) name += buf;
    pclose(pipe);
    name = core::trim(name);
    if (!name.empty()) return name;
  }
  if (auto u = core::config::process_env("USER")) return *u;
  return "unknown";
}

std::unique_ptr<eval::EvalStore> Context::open_eval_store(core::lineage::Access access) {
  const auto& location = access == core::lineage::Access::write ? store().path() : read_store().path();
  return std::make_unique<eval::EvalStore>(location, access);
}

Telemetry* Context::telemetry() {
  if (!m_telemetry) m_telemetry = open_telemetry(project_or_defaults());
  return *m_telemetry ? &**m_telemetry : nullptr;
}

std::unique_ptr<RecordingSink> Context::open_run_recorder() {
  auto recorder = std::make_unique<chains::RunRecorder>(store().path());
  auto* t = telemetry();
  return std::make_unique<RecordingSink>(std::move(recorder), t ? t->exporter.get() : nullptr,
                                         t ? t->mapping : core::telemetry::MappingOptions{});
}

void Context::trace_eval_case(const std::string& suite, const std::string& eval_run_id, const eval::CaseResult& result) {
  try {
    if (auto* t = telemetry(); t && t->exporter)
      t->exporter->export_span(core::telemetry::eval_case_span(eval_case_of(suite, eval_run_id, result), t->mapping));
  } catch (const std::exception&) {
  }
}

std::unique_ptr<chains::IndexRetriever> Context::open_index_retriever(chains::Embedders embedders) {
  return std::make_unique<chains::IndexRetriever>(store().path(), std::move(embedders));
}

std::unique_ptr<providers::batch::BatchStore> Context::open_batch_store() {
  return std::make_unique<providers::batch::BatchStore>(store().path());
}

std::unique_ptr<core::prompt::PromptStore> Context::open_prompt_store(core::lineage::Store& store) {
  return std::make_unique<core::prompt::PromptStore>(store);
}

std::unique_ptr<core::lineage::Store> Context::open_other_store(const std::string& location,
                                                                core::lineage::Access access) {
  return std::make_unique<core::lineage::Store>(location, access);
}

}  // namespace genops::cli
