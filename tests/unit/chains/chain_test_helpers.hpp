#pragma once
// Shared by the chain unit tests: writing chain files, loading them against
// a fake project, and running them with fake clients.
#include <map>
#include <memory>
#include <string>

#include "chains/loader.hpp"
#include "chains/runner.hpp"
#include "core/error.hpp"
#include "tests/support/fake_model_client.hpp"
#include "tests/support/memory_run_sink.hpp"
#include "tests/support/temp_dir.hpp"

namespace genops::test {

// The message of the core::Error `fn` throws, or "(no error)".
template <typename F>
std::string error_of(F&& fn) {
  try {
    fn();
  } catch (const core::Error& e) {
    return e.what();
  }
  return "(no error)";
}

// Loads `text` as chain file `name` in `dir` with providers "local" and "other".
inline std::shared_ptr<const chains::ChainSet> load_text(const TempDir& dir, const std::string& text,
                                                         const std::string& name = "chain.yaml") {
  auto path = dir.write(name, text);
  chains::LoadOptions options;
  options.providers = {"local", "other"};
  options.default_provider = "local";
  options.project_root = dir.path();
  return std::make_shared<const chains::ChainSet>(chains::load_chain(path, options));
}

// A runner over fake clients, recording into a MemoryRunSink.
struct Harness {
  std::map<std::string, std::unique_ptr<FakeModelClient>> clients;
  MemoryRunSink sink;
  std::unique_ptr<chains::Runner> runner;
  std::vector<std::string> warnings;
  std::mutex mutex;

  Harness(std::shared_ptr<const chains::ChainSet> set, FakeModelClient::Responder local,
          FakeModelClient::Responder other = {}) {
    clients["local"] = std::make_unique<FakeModelClient>("local", std::move(local));
    clients["other"] = std::make_unique<FakeModelClient>("other", std::move(other));
    chains::Services services;
    services.client = [this](const std::string& name) -> core::llm::ModelClient& { return *clients.at(name); };
    services.sink = &sink;
    services.warn = [this](const std::string& w) {
      std::lock_guard lock(mutex);
      warnings.push_back(w);
    };
    runner = std::make_unique<chains::Runner>(std::move(set), services, chains::RunnerOptions{2, "", "test-host", 8});
  }
  ~Harness() { runner->shutdown(); }

  chains::RunResult run(nlohmann::json inputs = nlohmann::json::object()) {
    chains::RunRequest request;
    request.inputs = std::move(inputs);
    return runner->run(std::move(request));
  }
  FakeModelClient& local() { return *clients.at("local"); }
};

}  // namespace genops::test
