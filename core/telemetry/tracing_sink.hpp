#pragma once
// A RunSink decorator that passes every record on to the store's sink and
// turns it into spans for a SpanExporter (docs/telemetry.md). Exporting never
// blocks nor fails a run: the exporter drops what it cannot take.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "core/lineage/run_records.hpp"
#include "core/telemetry/otlp_json.hpp"

namespace genops::core::telemetry {

// Where finished spans go (the OTLP exporter, or a test's vector).
class SpanExporter {
 public:
  virtual ~SpanExporter() = default;
  // Takes one span (OTLP JSON). Thread-safe; must not block on the network
  // nor throw: a span it cannot take is counted as dropped.
  virtual void export_span(nlohmann::json span) noexcept = 0;
};

class TracingSink final : public lineage::RunSink {
 public:
  // Records go to `inner` first, then become spans for `exporter`. Both must outlive the sink.
  TracingSink(lineage::RunSink& inner, SpanExporter& exporter, MappingOptions options);

  void record_chain_version(lineage::ChainVersionRecord version) override;
  void begin_run(lineage::RunRecord run) override;
  void record_step(lineage::StepRecord step) override;
  std::uint64_t end_run(lineage::RunEnd end) override;
  void wait_durable(std::uint64_t ticket) override;

 private:
  lineage::RunSink& m_inner;
  SpanExporter& m_exporter;
  MappingOptions m_options;
  std::mutex m_mutex;
  std::map<std::string, lineage::RunRecord> m_open;  // runs begun and not yet ended
};

}  // namespace genops::core::telemetry
