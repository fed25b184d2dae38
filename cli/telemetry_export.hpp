#pragma once
// `genops runs export RUN --format otlp`: a stored run as the spans the
// exporter would have sent (docs/telemetry.md).
#include "cli/context.hpp"
#include "chains/store/run_queries.hpp"

namespace genops::cli {

// Prints one line: an OTLP/JSON ExportTraceServiceRequest holding the run's
// span and its steps' spans. Contents are included when capture_content is
// on (genops.yaml or OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT).
void print_otlp_export(Context& ctx, const chains::RunSummary& run);

}  // namespace genops::cli
