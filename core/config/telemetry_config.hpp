#pragma once
// Where genops sends its traces (docs/telemetry.md): `telemetry: {otlp:
// {endpoint, headers, capture_content}}` in genops.yaml, overridden by the
// standard OTEL_* environment variables.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace genops::core::yaml {
class Node;
}

namespace genops::core::config {

using Headers = std::vector<std::pair<std::string, std::string>>;

// `telemetry:` as written in genops.yaml.
struct TelemetryFile {
  std::string endpoint;  // the OTLP/HTTP base URL ("" none)
  Headers headers;       // values may be "${VAR}": read from the environment
  bool capture_content = false;
};

// Parses the `telemetry:` node; unknown keys and bad values are located errors.
TelemetryFile parse_telemetry(const yaml::Node& node);

// What the exporter uses, after the environment.
struct OtlpSettings {
  std::string traces_url;      // "" when export is off
  std::string origin;          // where the endpoint came from: "genops.yaml", "env OTEL_EXPORTER_OTLP_ENDPOINT"
  Headers headers;             // secrets: never logged, never stored
  bool capture_content = false;
  std::string service_name = "genops";
  Headers resource_attributes; // OTEL_RESOURCE_ATTRIBUTES
  std::chrono::milliseconds timeout{10'000};
  std::vector<std::string> notes;  // settings ignored, for the CLI to print
};

using Getenv = std::function<std::optional<std::string>(std::string_view)>;

// Applies OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT
// (the per-signal one used as is, the other with /v1/traces appended),
// OTEL_EXPORTER_OTLP_[TRACES_]HEADERS, OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT,
// OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES and
// OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT over `file`. Throws
// Error(invalid_input) naming the variable (never its value) for a bad URL or header list.
OtlpSettings resolve_otlp(const TelemetryFile& file, const Getenv& getenv);

// "k1=v1,k2=v2" (W3C baggage form, values percent-decoded); nullopt when malformed.
std::optional<Headers> parse_header_list(std::string_view text);

}  // namespace genops::core::config
