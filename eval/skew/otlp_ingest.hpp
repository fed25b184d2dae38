#pragma once
// `genops ingest --format otlp`: the inputs of the GenAI spans in OTLP/JSON
// export requests (one per line, as the Collector's file exporter writes
// them), stored as production inputs for `genops skew` (docs/telemetry.md).
#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lineage/store.hpp"

namespace genops::eval::skew {

// What one span gives.
struct SpanInput {
  enum class Kind { input, no_content, not_genai, invalid } kind = Kind::not_genai;
  std::string name;         // gen_ai.prompt.name, else genops.chain.name; "" when neither
  std::string version;      // gen_ai.prompt.version ("" none)
  nlohmann::json inputs;    // a JSON object (Kind::input)
  std::string timestamp;    // the span's start, core::format_timestamp form
  std::string problem;      // why it is invalid
};

// Reads one OTLP/JSON span. GenAI model calls (gen_ai.operation.name chat,
// text_completion, generate_content, or legacy gen_ai.prompt attributes)
// give {input_name: the last user message}, from gen_ai.input.messages (a
// JSON string or a structured value), legacy gen_ai.prompt.N.* attributes or
// gen_ai.user.message events; a genops run span gives its genops.inputs
// object. genops' own step spans are not inputs (their run's span is).
SpanInput read_span(const nlohmann::json& span, const std::string& input_name);

struct OtlpIngestOptions {
  std::string source;               // for messages and the stored source path ("-" for stdin)
  std::string chain;                // the name for spans without gen_ai.prompt.name ("" none)
  std::string input_name = "input"; // the input field a user message is stored under
};

struct OtlpIngestSummary {
  std::int64_t requests = 0, spans = 0;
  std::int64_t inputs = 0;           // GenAI spans with content
  std::int64_t added = 0, present = 0;
  std::int64_t no_content = 0;       // GenAI spans without captured content: counted, not stored
  std::int64_t unnamed = 0;          // inputs with neither a prompt name nor --chain: not stored
  std::int64_t invalid = 0;          // spans with bad ids or times: not stored
  std::int64_t other = 0;            // spans that are not GenAI model calls
  std::map<std::string, std::int64_t> names;  // inputs stored per runs:NAME
  std::map<std::string, std::vector<std::string>> versions;  // prompt versions seen per name
  std::vector<std::string> problems;  // the first few invalid spans, "file:line: span N: ..."
  std::string first, last;
};

// Reads `in` and stores the inputs, 10,000 per transaction; storing twice adds
// nothing. Throws Error(invalid_input) "source:line: ..." for a line that is
// not an export request (malformed or truncated JSON, over 16 MiB), Error(storage).
OtlpIngestSummary ingest_otlp(core::lineage::Store& store, std::istream& in, const OtlpIngestOptions& options);

}  // namespace genops::eval::skew
