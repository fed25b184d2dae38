#pragma once
// OpenTelemetry export for the CLI (docs/telemetry.md): the run sink that
// records in the store and exports spans, eval cases as spans, and the
// exporter's report at exit.
#include <memory>
#include <optional>
#include <string>

#include "core/config/project.hpp"
#include "chains/store/run_recorder.hpp"
#include "chains/telemetry/tracing_sink.hpp"
#include "eval/result.hpp"
#include "providers/otlp/otlp_exporter.hpp"

namespace genops::cli {

// The store's run recorder, with spans exported too when telemetry is on.
class RecordingSink final : public chains::RunSink {
 public:
  // `exporter` null: records only. The exporter must outlive the sink.
  RecordingSink(std::unique_ptr<chains::RunRecorder> recorder, core::telemetry::SpanExporter* exporter,
                core::telemetry::MappingOptions options);
  void record_chain_version(chains::ChainVersionRecord version) override;
  void begin_run(chains::RunRecord run) override;
  void record_step(chains::StepRecord step) override;
  std::uint64_t end_run(chains::RunEnd end) override;
  void wait_durable(std::uint64_t ticket) override;
  // Waits until every record queued so far is committed; throws Error(storage).
  void flush() { m_recorder->flush(); }

 private:
  chains::RunSink& target();
  std::unique_ptr<chains::RunRecorder> m_recorder;
  std::optional<chains::telemetry::TracingSink> m_tracing;
};

// The project's exporter, or null when no endpoint is configured. Prints the
// settings' notes. Throws Error(invalid_input) for bad OTEL_* values.
struct Telemetry {
  std::unique_ptr<providers::otlp::OtlpExporter> exporter;
  core::telemetry::MappingOptions mapping;
  std::string url;  // redacted, for messages
};
std::optional<Telemetry> open_telemetry(const core::config::Project& project);

// Flushes within a short deadline and warns on stderr about spans not exported. Never throws.
void close_telemetry(Telemetry& telemetry) noexcept;

// An eval case as the mapping sees it.
core::telemetry::EvalCase eval_case_of(const std::string& suite, const std::string& eval_run_id,
                                       const eval::CaseResult& result);

}  // namespace genops::cli
