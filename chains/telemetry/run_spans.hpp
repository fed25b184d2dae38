#pragma once
// The OTLP/JSON spans of chain runs (docs/telemetry.md): a run is a trace whose
// id is derived from the run id, each step a span under its parent, named and
// attributed per the OpenTelemetry GenAI semantic conventions. Pure: no I/O.
#include <nlohmann/json.hpp>

#include "chains/store/run_records.hpp"
#include "core/telemetry/otlp_json.hpp"

namespace genops::chains::telemetry {

// The span of a whole run (the trace's root).
nlohmann::json run_span(const RunRecord& run, const RunEnd& end, const core::telemetry::MappingOptions& options);
// The span of one step, child of its parent step or of the run.
nlohmann::json step_span(const StepRecord& step, const core::telemetry::MappingOptions& options);

}  // namespace genops::chains::telemetry
