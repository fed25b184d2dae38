#pragma once
// A RunSink decorator that passes every record on to the store's sink and
// turns it into spans for a SpanExporter (docs/telemetry.md). Exporting never
// blocks nor fails a run: the exporter drops what it cannot take.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "chains/store/run_records.hpp"
#include "core/telemetry/otlp_json.hpp"
#include "core/telemetry/span_exporter.hpp"

namespace genops::chains::telemetry {

using core::telemetry::MappingOptions;
using core::telemetry::SpanExporter;

class TracingSink final : public chains::RunSink {
 public:
  // Records go to `inner` first, then become spans for `exporter`. Both must outlive the sink.
  TracingSink(chains::RunSink& inner, SpanExporter& exporter, MappingOptions options);

  void record_chain_version(chains::ChainVersionRecord version) override;
  void begin_run(chains::RunRecord run) override;
  void record_step(chains::StepRecord step) override;
  std::uint64_t end_run(chains::RunEnd end) override;
  void wait_durable(std::uint64_t ticket) override;

 private:
  chains::RunSink& m_inner;
  SpanExporter& m_exporter;
  MappingOptions m_options;
  std::mutex m_mutex;
  std::map<std::string, chains::RunRecord> m_open;  // runs begun and not yet ended
};

}  // namespace genops::chains::telemetry
