#pragma once
// Where skew reads inputs from: `eval:PATH` (an eval's dataset rows and
// inline tests), `runs:CHAIN` (recorded chain runs and ingested rows in the
// store, within --since/--until) and `file:PATH` (JSONL or CSV).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/lineage/store.hpp"

namespace genops::eval::skew {

struct SourceSpec {
  enum class Kind { eval, runs, file };
  Kind kind = Kind::file;
  std::string target;  // the path or the chain name
  std::string text;    // as given, for messages and reports
};

// Reads "eval:PATH", "runs:CHAIN" or "file:PATH"; a bare path is a file.
// Throws Error(usage) for an unknown prefix or an empty target.
SourceSpec parse_source(std::string_view text);

// One input: variable -> value (a JSON object).
struct InputRow {
  nlohmann::json values = nlohmann::json::object();
};

// A row as read, not parsed yet, so that worker threads can parse it
// (RowSource::parse_raw): a JSONL line or a stored run's inputs object; or,
// from sources without such text (CSV, eval files), the row itself.
struct RawRow {
  std::string text;               // JSON text; empty when `parsed` is set
  std::int64_t line = 0;          // a file's line number (for messages)
  std::string where;              // a run's timestamp (for messages)
  bool logged = false;            // a logged row: inputs_of_logged_row applies
  std::optional<InputRow> parsed;  // set when there is no text
};

class RowSource {
 public:
  virtual ~RowSource() = default;
  // The next row; nullopt at the end. Throws Error(invalid_input) naming the
  // file and line of a row that cannot be read.
  virtual std::optional<InputRow> next() = 0;
  // The next row unparsed (by default next(), already parsed); nullopt at the
  // end. Not to be mixed with next() on the same source.
  virtual std::optional<RawRow> next_raw();
  // Parses `raw` (from next_raw) into the row next() would have returned,
  // with the same errors. Thread-safe: it reads nothing that reading changes.
  virtual InputRow parse_raw(RawRow raw) const;
};

// The fields of a logged row that are its inputs: the object under "inputs"
// or "vars" when there is one, else every field except timestamp/ts.
nlohmann::json inputs_of_logged_row(nlohmann::json row);

// Opens `spec`. `store` is needed (non-null) for runs: sources; `since` and
// `until` (store timestamps, "" for none) bound them. Throws Error(invalid_input)
// for a missing file, Error(usage) for a runs: source without a store.
std::unique_ptr<RowSource> open_source(const SourceSpec& spec, core::lineage::Store* store, const std::string& since,
                                       const std::string& until);

}  // namespace genops::eval::skew
