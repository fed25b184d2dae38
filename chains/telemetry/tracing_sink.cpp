#include "chains/telemetry/tracing_sink.hpp"

#include "chains/telemetry/run_spans.hpp"

namespace genops::chains::telemetry {

TracingSink::TracingSink(chains::RunSink& inner, SpanExporter& exporter, MappingOptions options)
    : m_inner(inner), m_exporter(exporter), m_options(std::move(options)) {}

void TracingSink::record_chain_version(chains::ChainVersionRecord version) {
  m_inner.record_chain_version(std::move(version));
}

void TracingSink::begin_run(chains::RunRecord run) {
  {
    std::lock_guard lock(m_mutex);
    m_open[run.id] = run;
  }
  m_inner.begin_run(std::move(run));
}

void TracingSink::record_step(chains::StepRecord step) {
  // Mapped before the move (the inner sink takes the texts); a mapping failure costs the span, never the run.
  std::optional<nlohmann::json> span;
  try {
    span = step_span(step, m_options);
  } catch (const std::exception&) {
  }
  m_inner.record_step(std::move(step));
  if (span) m_exporter.export_span(std::move(*span));
}

std::uint64_t TracingSink::end_run(chains::RunEnd end) {
  std::optional<nlohmann::json> span;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_open.find(end.id); it != m_open.end()) {
      try {
        span = run_span(it->second, end, m_options);
      } catch (const std::exception&) {
      }
      m_open.erase(it);
    }
  }
  const auto ticket = m_inner.end_run(std::move(end));
  if (span) m_exporter.export_span(std::move(*span));
  return ticket;
}

void TracingSink::wait_durable(std::uint64_t ticket) { m_inner.wait_durable(ticket); }

}  // namespace genops::chains::telemetry
