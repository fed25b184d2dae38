// The chain runner's own cost, without a model or the CLI: a 5-step chain
// (llm, llm with JSON output, transform, llm, transform) over N rows against an
// instant in-process client, (1) with no store, for the runner's overhead per
// step, and (2) with the SQLite RunRecorder, for the store's write cost per step.
// Usage: bench_chains [ROWS] [JOBS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "chains/batch.hpp"
#include "chains/loader.hpp"
#include "chains/runner.hpp"
#include "chains/store/run_recorder.hpp"
#include "core/lineage/store.hpp"

using namespace genops;

namespace {

const char* k_chain = R"(version: 1
name: bench
inputs:
  question: {type: string}
steps:
  - id: intent
    kind: llm
    messages: [{role: user, content: "Classify: {{inputs.question}}"}]
  - id: facts
    kind: llm
    messages: [{role: user, content: "Facts about {{inputs.question}}"}]
    output: {format: json}
  - id: context
    kind: transform
    template: "{{steps.intent.output}} / {{steps.facts.output.fact}}"
  - id: answer
    kind: llm
    messages:
      - {role: system, content: "Answer from the context only."}
      - {role: user, content: "Context: {{steps.context.output}}\nQuestion: {{inputs.question}}"}
  - id: final
    kind: transform
    template: "{{steps.answer.output}}"
)";

struct InstantClient final : core::llm::ModelClient {
  std::string n = "local";
  void submit(core::llm::Request r, core::llm::Completion done, core::llm::TokenSink) override {
    core::llm::Response response;
    response.text = r.messages.back().content.rfind("Facts", 0) == 0 ? R"({"fact": "refunds take 14 days"})"
                                                                     : "reply to " + r.messages.back().content.substr(0, 40);
    response.usage = {40, 10, false};
    done(std::move(response));
  }
  std::vector<std::vector<float>> embed(std::span<const std::string>) override { return {}; }
  const std::string& name() const override { return n; }
  const std::string& model() const override { return n; }
};

double run_rows(const std::shared_ptr<const chains::ChainSet>& set, chains::RunSink* sink, int rows, int jobs) {
  InstantClient client;
  chains::Services services;
  services.client = [&](const std::string&) -> core::llm::ModelClient& { return client; };
  services.sink = sink;
  chains::Runner runner(set, services, {2, "", "bench", 8});
  int next = 0;
  chains::RowSource source = [&]() -> std::optional<chains::Row> {
    if (next >= rows) return std::nullopt;
    return chains::Row{nlohmann::json{{"question", "How do I get a refund for order " + std::to_string(next++) + "?"}}};
  };
  chains::BatchOptions options;
  options.concurrency = jobs;
  std::size_t ok = 0;
  auto start = std::chrono::steady_clock::now();
  chains::run_batch(runner, sink, source, options, [&](std::size_t, const chains::RunResult& r) {
    ok += r.status == chains::RunStatus::succeeded;
  });
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (ok != static_cast<std::size_t>(rows)) std::fprintf(stderr, "only %zu of %d rows succeeded\n", ok, rows);
  runner.shutdown();
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  int rows = argc > 1 ? std::atoi(argv[1]) : 10000;
  int jobs = argc > 2 ? std::atoi(argv[2]) : 32;
  auto dir = std::filesystem::temp_directory_path() / ("genops-bench-chains-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "chain.yaml") << k_chain;
  chains::LoadOptions options;
  options.providers = {"local"};
  options.default_provider = "local";
  auto set = std::make_shared<const chains::ChainSet>(chains::load_chain(dir / "chain.yaml", options));
  const double steps = rows * 5.0;
  double bare = run_rows(set, nullptr, rows, jobs);
  std::printf("runner, no store:   %d rows x 5 steps in %.3f s: %.0f runs/s, %.1f us per step\n", rows, bare,
              rows / bare, bare * 1e6 / steps);
  {
    core::lineage::Store store(dir / "store.db");
    chains::RunRecorder recorder(dir / "store.db");
    double recorded = run_rows(set, &recorder, rows, jobs);
    recorder.flush();
    std::printf("runner + store:     %d rows x 5 steps in %.3f s: %.0f runs/s, %.1f us per step (store: +%.1f us per step)\n",
                rows, recorded, rows / recorded, recorded * 1e6 / steps, (recorded - bare) * 1e6 / steps);
  }
  {
    // The writer alone: step records straight into the recorder.
    core::lineage::Store store(dir / "writer.db");
    chains::RunRecorder recorder(dir / "writer.db");
    recorder.begin_run({"0000000000000001", "chain", "bench", "v", "chain.yaml", "{}", "t", "", "", "", std::nullopt});
    const int n = 200000;
    auto start = std::chrono::steady_clock::now();
    for (int i = 1; i <= n; ++i) {
      chains::StepRecord s;
      s.run_id = "0000000000000001";
      s.seq = i;
      s.step_id = "answer";
      s.kind = "llm";
      s.provider = "local";
      s.request = R"({"messages":[{"role":"user","content":"Question number )" + std::to_string(i) + R"("}]})";
      s.output = "Reply number " + std::to_string(i);
      s.started_at = "2026-01-01T00:00:00.000Z";
      recorder.record_step(std::move(s));
    }
    recorder.flush();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("store writer alone: %d step records in %.3f s: %.0f records/s\n", n, seconds, n / seconds);
  }
  std::filesystem::remove_all(dir);
}
