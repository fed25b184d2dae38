#include "cli/telemetry_export.hpp"

#include <iostream>

#include "cli/version.hpp"
#include "core/json.hpp"
#include "core/strings.hpp"
#include "chains/store/run_queries.hpp"
#include "chains/telemetry/run_spans.hpp"
#include "core/telemetry/otlp_json.hpp"

namespace genops::cli {

void print_otlp_export(Context& ctx, const chains::RunSummary& run) {
  const auto& project = ctx.project_or_defaults();
  core::telemetry::MappingOptions mapping;
  for (const auto& [name, config] : project.providers) mapping.provider_kinds[name] = config.kind;
  const auto env = core::config::process_env("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT");
  mapping.capture_content = project.telemetry.capture_content || (env && core::to_lower(core::trim(*env)) == "true");
  core::telemetry::Resource resource;
  if (auto name = core::config::process_env("OTEL_SERVICE_NAME"); name && !core::trim(*name).empty())
    resource.service_name = core::trim(*name);
  resource.service_version = build_version();
  std::vector<nlohmann::json> spans;
  auto record = run.run;
  record.inputs_json = run.inputs_json;
  auto end = run.end;
  end.outputs_json = run.outputs_json;
  spans.push_back(chains::telemetry::run_span(record, end, mapping));
  for (const auto& step : chains::run_steps(ctx.read_store(), run.run.id, chains::Texts::yes))
    spans.push_back(chains::telemetry::step_span(step, mapping));
  std::cout << core::dump_json(core::telemetry::export_request(std::move(spans), resource)) << '\n';
}

}  // namespace genops::cli
