#pragma once
// How `genops run` prints results: a run's outputs as text or JSON, a batch
// row as one JSONL line, and the error a failed run ends the command with.
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "chains/batch.hpp"
#include "chains/runner.hpp"

namespace genops::cli {

// A run as JSON: run_id, status, outputs, error, totals.
nlohmann::json run_result_json(const chains::RunResult& result);
// Prints a single run's outputs: one output as its text, several as
// "name: value" lines; with `json`, run_result_json pretty-printed.
void print_run_result(const chains::RunResult& result, bool json);
// Prints a batch row as one JSON line with its row number.
void print_row(std::size_t row, const chains::RunResult& result);
// Throws the Error a run that did not succeed ends the command with (exit
// 4 for a provider failure, 1 for a budget, 130 for an interrupt, ...).
void throw_run_failure(const chains::RunResult& result);
// Ends a batch: a summary on stderr, and the Error of its first failure.
void finish_batch(const chains::BatchSummary& summary);

}  // namespace genops::cli
