#pragma once
// What the lineage store keeps about chain runs and their steps (DESIGN §3),
// and the sink the runner writes them to. RunRecorder is the SQLite sink;
// tests use an in-memory one.
#include <cstdint>
#include <optional>
#include <string>

namespace genops::chains {

// A run as it starts.
struct RunRecord {
  std::string id;            // 16 hex digits
  std::string kind = "chain";
  std::string name;          // the chain's name
  std::string version;       // the chain version hash
  std::string source_path;   // the chain file, as given
  std::string inputs_json;   // the bound inputs
  std::string started_at;    // core::now_timestamp()
  std::string git_commit;    // "" when not in a git work tree
  std::string host;
  std::string batch_id;      // shared by the rows of one --input-file run; "" otherwise
  std::optional<std::int64_t> row_index;  // 0-based row in the input file
};

// How a run ended. Statuses: succeeded, failed, budget_exceeded, interrupted.
struct RunEnd {
  std::string id;
  std::string status;
  std::string ended_at;
  std::string outputs_json;  // "" when there are none
  std::string error;         // "" on success
  std::int64_t steps = 0;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  double cost_usd = 0;
  std::int64_t duration_ms = 0;
};

// One step execution. Children (a map's items, a loop's iterations, an
// agent's turns and tool calls, a sub-chain's steps) name their parent's seq.
// Statuses: ok, skipped, failed, refused (an undeclared tool call).
struct StepRecord {
  std::string run_id;
  std::int64_t seq = 0;                     // 1, 2, 3… within the run, in start order
  std::optional<std::int64_t> parent_seq;
  std::optional<std::int64_t> item_index;   // map item, loop iteration, agent turn
  std::string step_id;
  std::string kind;                         // llm, transform, …, tool
  std::string status = "ok";
  std::string prompt_ref;                   // "support-answer@3"
  std::string prompt_hash;
  std::string provider;
  std::string model;
  std::string params_json;                  // temperature, max_tokens, …
  std::string request;                      // the rendered request (JSON), stored as a blob
  std::string output;                       // the output (text or JSON), stored as a blob
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  double cost_usd = 0;
  std::string started_at;
  std::int64_t latency_us = 0;
  bool cache_hit = false;
  int retries = 0;
  std::string error;
};

// A chain version, stored once by content hash.
struct ChainVersionRecord {
  std::string hash;
  std::string name;
  std::string source_path;
  std::string content;  // the chain file's text
};

// Where runs are written. Implementations are thread-safe; calls for one
// run arrive in order begin_run, record_step…, end_run.
class RunSink {
 public:
  virtual ~RunSink() = default;
  virtual void record_chain_version(ChainVersionRecord version) = 0;
  virtual void begin_run(RunRecord run) = 0;
  virtual void record_step(StepRecord step) = 0;
  // Queues the end of a run; returns a ticket for wait_durable.
  virtual std::uint64_t end_run(RunEnd end) = 0;
  // Blocks until everything queued up to `ticket` is committed. Throws
  // Error(storage) when the store could not be written.
  virtual void wait_durable(std::uint64_t ticket) = 0;
};

}  // namespace genops::chains
