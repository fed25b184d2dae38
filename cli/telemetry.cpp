#include "cli/telemetry.hpp"

#include <algorithm>

#include "cli/output.hpp"
#include "cli/version.hpp"
#include "core/redact.hpp"
#include "core/time.hpp"
#include "providers/http/redact_url.hpp"

namespace genops::cli {

RecordingSink::RecordingSink(std::unique_ptr<chains::RunRecorder> recorder,
                             core::telemetry::SpanExporter* exporter, core::telemetry::MappingOptions options)
    : m_recorder(std::move(recorder)) {
  if (exporter) m_tracing.emplace(*m_recorder, *exporter, std::move(options));
}

chains::RunSink& RecordingSink::target() {
  if (m_tracing) return *m_tracing;
  return *m_recorder;
}

void RecordingSink::record_chain_version(chains::ChainVersionRecord v) { target().record_chain_version(std::move(v)); }
void RecordingSink::begin_run(chains::RunRecord run) { target().begin_run(std::move(run)); }
void RecordingSink::record_step(chains::StepRecord step) { target().record_step(std::move(step)); }
std::uint64_t RecordingSink::end_run(chains::RunEnd end) { return target().end_run(std::move(end)); }
void RecordingSink::wait_durable(std::uint64_t ticket) { target().wait_durable(ticket); }

std::optional<Telemetry> open_telemetry(const core::config::Project& project) {
  auto settings = core::config::resolve_otlp(project.telemetry, core::config::process_env);
  for (const auto& note : settings.notes) print_warning("telemetry: " + note);
  if (settings.traces_url.empty()) return std::nullopt;
  // Header values (Authorization, API keys) are secrets: redacted wherever they might appear.
  for (const auto& [name, value] : settings.headers) {
    core::register_secret(value);
    if (auto space = value.find(' '); space != std::string::npos) core::register_secret(value.substr(space + 1));
  }
  Telemetry t;
  for (const auto& [name, config] : project.providers) t.mapping.provider_kinds[name] = config.kind;
  t.mapping.capture_content = settings.capture_content;
  t.url = providers::http::redact_url(settings.traces_url);
  providers::otlp::ExporterOptions options;
  options.url = settings.traces_url;
  options.headers = settings.headers;
  options.timeout = settings.timeout;
  options.resource.service_name = settings.service_name;
  options.resource.service_version = build_version();
  options.resource.attributes = settings.resource_attributes;
  providers::http::ClientOptions http;
  http.max_connections = 4;
  t.exporter = std::make_unique<providers::otlp::OtlpExporter>(std::move(options), providers::http::make_curl_client(http));
  return t;
}

void close_telemetry(Telemetry& t) noexcept {
  try {
    if (!t.exporter) return;
    const auto deadline = std::chrono::milliseconds(5'000);
    const auto stats = t.exporter->shutdown(deadline);
    t.exporter.reset();
    if (stats.lost() == 0) return;
    std::string parts;
    auto add = [&parts](std::uint64_t n, const char* what) {
      if (n == 0) return;
      parts += (parts.empty() ? "" : ", ") + std::to_string(n) + " " + what;
    };
    add(stats.failed, "failed");
    add(stats.rejected, "rejected by the receiver");
    add(stats.dropped_full, "dropped (queue full)");
    print_warning("telemetry: " + std::to_string(stats.lost()) + " of " + std::to_string(stats.spans) +
                  " spans not exported to " + t.url + " (" + parts + ")" +
                  (stats.last_error.empty() ? "" : "; last error: " + stats.last_error));
  } catch (...) {
  }
}

core::telemetry::EvalCase eval_case_of(const std::string& suite, const std::string& eval_run_id,
                                       const eval::CaseResult& r) {
  core::telemetry::EvalCase c;
  c.suite = suite;
  c.eval_run_id = eval_run_id;
  c.case_key = r.case_key;
  c.provider = r.provider;
  c.repeat = r.repeat;
  c.run_id = r.run_id;
  c.pass = r.pass;
  c.score = r.score;
  c.error = r.error;
  c.ended_at = core::now_timestamp();
  c.latency_ms = r.latency_ms;
  for (const auto& a : r.assertions)
    c.evaluations.push_back({a.metric.empty() ? a.type : a.metric, a.score, a.error ? "error" : a.pass ? "pass" : "fail",
                             a.reason});
  return c;
}

}  // namespace genops::cli
