#pragma once
// The OTLP/JSON mapping of genops' records (docs/telemetry.md): a run is a
// trace whose id is derived from the run id, each step a span under its
// parent, named and attributed per the OpenTelemetry GenAI semantic
// conventions; eval cases carry `gen_ai.evaluation.result` events. Pure: no
// I/O, no clock. Encoding per the OTLP JSON mapping: hex ids, integer enums,
// 64-bit integers as strings, attributes as KeyValue/AnyValue.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <cstdint>

#include <nlohmann/json.hpp>


namespace genops::core::telemetry {

struct MappingOptions {
  // Message contents, run inputs and outputs are exported only when true
  // (always through core::redact, cut to k_max_content_bytes).
  bool capture_content = false;
  // Configured provider name -> its kind ("openai", "anthropic", ...), for
  // gen_ai.provider.name; a name not listed is exported as itself.
  std::map<std::string, std::string> provider_kinds{};
};

inline constexpr std::size_t k_max_content_bytes = 256 * 1024;

// The 32-hex-digit trace id of run `run_id`: a 16-hex-digit run id padded
// with 16 zeros on the left (the usual 64-to-128-bit widening, so a trace
// is found by its run id), any other id the first 32 hex digits of its SHA-256.
std::string trace_id_of(std::string_view run_id);
// The 16-hex-digit span id of step `seq` of run `run_id` (seq 0: the run's own span).
std::string span_id_of(std::string_view run_id, std::int64_t seq);

// Unix nanoseconds of a core::format_timestamp string ("2026-11-23T16:28:31.123Z",
// any number of fraction digits); nullopt when it is not one.
std::optional<std::int64_t> unix_nanos(std::string_view timestamp);

// Span building blocks, shared by every mapping (chains/telemetry maps runs and steps).
// `text` redacted and cut to k_max_content_bytes at a UTF-8 boundary.
std::string content(std::string_view text);
// Unix nanoseconds of a timestamp, 0 when it is not one.
std::int64_t start_of(const std::string& timestamp);
// A span of run `run_id`'s trace: ids from (run, seq), parent from parent_seq,
// kind (1 internal, 3 client), start/end in Unix nanoseconds, no attributes yet.
nlohmann::json span_base(std::string_view run_id, std::int64_t seq, std::optional<std::int64_t> parent_seq,
                         std::string name, int kind, std::int64_t start, std::int64_t end);
// Marks `span` failed: error.type and an error status with `message` (redacted).
void set_error(nlohmann::json& span, std::string_view type, std::string_view message);

// One scored assertion of an eval case: a `gen_ai.evaluation.result` event.
struct Evaluation {
  std::string name;                 // the metric
  std::optional<double> score;
  std::string label;                // "pass" / "fail" / "error"
  std::string explanation;          // a failure's or a judge's reason ("" none)
};

// One finished eval case (eval-neutral, so core does not depend on eval).
struct EvalCase {
  std::string suite;
  std::string eval_run_id;
  std::string case_key;
  std::string provider;
  int repeat = 0;
  std::string run_id;               // the case's chain run ("" when not recorded)
  bool pass = false;
  double score = 0;
  std::string error;
  std::string ended_at;             // core::format_timestamp
  std::int64_t latency_ms = 0;
  std::vector<Evaluation> evaluations;
};

// The span of an eval case: in the trace of its chain run (child of the run's
// span), else in a trace of its own; one gen_ai.evaluation.result event per evaluation.
nlohmann::json eval_case_span(const EvalCase& eval_case, const MappingOptions& options);

// Identifies the exporting service in every request.
struct Resource {
  std::string service_name = "genops";
  std::string service_version;
  std::vector<std::pair<std::string, std::string>> attributes{};  // OTEL_RESOURCE_ATTRIBUTES
};

// An ExportTraceServiceRequest holding `spans` under one resource and one
// scope ("genops").
nlohmann::json export_request(std::vector<nlohmann::json> spans, const Resource& resource);

// KeyValue builders for the OTLP JSON mapping.
nlohmann::json string_attr(std::string_view key, std::string_view value);
nlohmann::json int_attr(std::string_view key, std::int64_t value);
nlohmann::json double_attr(std::string_view key, double value);
nlohmann::json bool_attr(std::string_view key, bool value);

}  // namespace genops::core::telemetry
