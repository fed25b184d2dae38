#include "cli/run_output.hpp"

#include <cstdio>
#include <iostream>

#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/redact.hpp"

namespace genops::cli {

namespace {

std::string text_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return core::dump_json(value);
}

std::string money(double usd) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "$%.4f", usd);
  return buf;
}

}  // namespace

nlohmann::json run_result_json(const chains::RunResult& r) {
  nlohmann::json j = {{"run_id", r.run_id}, {"status", std::string(chains::to_string(r.status))}, {"outputs", r.outputs}};
  if (!r.error.empty()) j["error"] = core::redact(r.error);
  j["totals"] = {{"steps", r.steps}, {"input_tokens", r.input_tokens}, {"output_tokens", r.output_tokens},
                 {"cost_usd", r.cost_usd}, {"duration_ms", r.duration.count()}};
  return j;
}

void print_run_result(const chains::RunResult& result, bool json) {
  if (json) return print_json(run_result_json(result));
  if (!result.outputs.is_object()) return;
  if (result.outputs.size() == 1) {
    std::cout << core::redact(text_of(result.outputs.begin().value())) << '\n';
    return;
  }
  for (const auto& [name, value] : result.outputs.items()) std::cout << name << ": " << core::redact(text_of(value)) << '\n';
}

void print_row(std::size_t row, const chains::RunResult& result) {
  auto j = run_result_json(result);
  j["row"] = row;
  std::cout << core::dump_json(j) << '\n' << std::flush;
}

void throw_run_failure(const chains::RunResult& result) {
  if (result.status == chains::RunStatus::succeeded) return;
  std::string where = result.run_id.empty() ? "run" : "run " + result.run_id;
  std::vector<std::string> hints;
  if (!result.run_id.empty()) hints.push_back("see its steps with: genops runs trace " + result.run_id);
  if (result.status == chains::RunStatus::budget_exceeded) {
    where += " stopped at its budget";
    hints.insert(hints.begin(), "raise `limits:` in the chain file if this run needs more");
  } else if (result.status == chains::RunStatus::failed) {
    where += " failed";
  }
  throw core::Error(chains::error_kind_of(result), where + ": " + result.error + " (" + std::to_string(result.steps) +
                                                     " steps, " + money(result.cost_usd) + ")",
                    hints);
}

void finish_batch(const chains::BatchSummary& summary) {
  std::size_t failed = summary.rows - summary.succeeded;
  std::string line = "genops: " + std::to_string(summary.succeeded) + " of " + std::to_string(summary.rows) +
                     " rows succeeded";
  if (failed) line += ", " + std::to_string(failed) + " did not";
  if (summary.interrupted)
    throw core::Error(core::ErrorKind::interrupted,
                      "interrupted after " + std::to_string(summary.rows) + " rows (" + std::to_string(summary.succeeded) +
                          " succeeded); every finished row is in the store");
  print_note(line);
  if (summary.first_failure) {
    auto first = *summary.first_failure;
    throw_run_failure(first);
  }
}

}  // namespace genops::cli
