#pragma once
// Many runs of one chain, one per input row (`genops run --input-file`):
// up to N at once, each result handed back in input order once its records
// are committed, Ctrl-C keeping every finished row.
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "chains/runner.hpp"

namespace genops::chains {

// The next row's inputs, in order; nullopt at the end. A row that could not
// be read is returned as an Error(invalid_input) inside `RowError`.
struct RowError {
  std::string message;
};
using Row = std::variant<nlohmann::json, RowError>;
using RowSource = std::function<std::optional<Row>()>;

struct BatchOptions {
  int concurrency = 4;
  std::string batch_id;                // recorded with every row's run ("" for a single run)
  std::function<bool()> interrupted;   // polled; true stops the batch (SIGINT)
  std::chrono::milliseconds grace{2000};  // after an interrupt, rows in flight may still finish this long
  core::llm::TokenSink stream;         // passed to every run (the CLI allows it for a single run only)
  bool record_rows = true;             // record row indices (false for a single run)
};

struct BatchSummary {
  std::size_t rows = 0;       // rows reported
  std::size_t succeeded = 0;
  std::optional<RunResult> first_failure;  // in row order
  bool interrupted = false;
};

// Runs the chain once per row. `on_result(row, result)` is called on the
// calling thread, in row order, after the row's run is durable in `sink`
// (when set). After an interrupt no row starts; rows in flight that finish
// within `grace` are reported, the others end as interrupted and are not. Throws Error(storage) when the store cannot be written.
BatchSummary run_batch(Runner& runner, chains::RunSink* sink, const RowSource& rows, const BatchOptions& options,
                       const std::function<void(std::size_t, const RunResult&)>& on_result);

}  // namespace genops::chains
