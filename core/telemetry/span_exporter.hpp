#pragma once
// Where finished spans go (docs/telemetry.md).
#include <nlohmann/json.hpp>

namespace genops::core::telemetry {

// Where finished spans go (the OTLP exporter, or a test's vector).
class SpanExporter {
 public:
  virtual ~SpanExporter() = default;
  // Takes one span (OTLP JSON). Thread-safe; must not block on the network
  // nor throw: a span it cannot take is counted as dropped.
  virtual void export_span(nlohmann::json span) noexcept = 0;
};

}  // namespace genops::core::telemetry
