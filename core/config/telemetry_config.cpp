#include "core/config/telemetry_config.hpp"

#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/yaml/document.hpp"

namespace genops::core::config {

namespace {

bool is_url(std::string_view url) { return starts_with(url, "http://") || starts_with(url, "https://"); }

std::string with_traces_path(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.ends_with("/v1/traces")) return base;
  return base + "/v1/traces";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size() || hex_value(text[i + 1]) < 0 || hex_value(text[i + 2]) < 0) return std::nullopt;
    out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
    i += 2;
  }
  return out;
}

void set_header(Headers& headers, std::string name, std::string value) {
  for (auto& [n, v] : headers)
    if (to_lower(n) == to_lower(name)) {
      v = std::move(value);
      return;
    }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string expand(const std::string& value, const std::string& header, const Getenv& getenv) {
  if (!(value.starts_with("${") && value.ends_with("}"))) return value;
  const auto name = value.substr(2, value.size() - 3);
  auto v = getenv(name);
  if (!v)
    fail_input("telemetry.otlp.headers." + header + ": environment variable " + name + " is not set",
               {"export " + name + "=... before running genops"});
  return *v;
}

bool truthy(const std::optional<std::string>& v) { return v && (to_lower(trim(*v)) == "true"); }

std::optional<std::string> first_set(const Getenv& getenv, std::initializer_list<std::string_view> names,
                                     std::string* which = nullptr) {
  for (auto name : names)
    if (auto v = getenv(name); v && !trim(*v).empty()) {
      if (which) *which = std::string(name);
      return trim(*v);
    }
  return std::nullopt;
}

}  // namespace

TelemetryFile parse_telemetry(const yaml::Node& node) {
  if (!node.is_map()) node.fail("expected a map like {otlp: {endpoint: http://localhost:4318}}, got " + node.describe());
  node.check_keys({"otlp"});
  TelemetryFile file;
  const auto* otlp = node.find("otlp");
  if (!otlp) return file;
  if (!otlp->is_map()) otlp->fail("expected a map like {endpoint: http://localhost:4318}, got " + otlp->describe());
  otlp->check_keys({"endpoint", "headers", "capture_content"});
  if (const auto* n = otlp->find("endpoint")) {
    file.endpoint = n->as_string();
    if (!is_url(file.endpoint))
      n->fail("expected an http:// or https:// URL, got " + quote(file.endpoint),
              {"the OTLP/HTTP base URL, e.g. http://localhost:4318 (/v1/traces is appended)"});
  }
  if (const auto* n = otlp->find("headers")) {
    if (!n->is_map()) n->fail("expected a map of header names to values, got " + n->describe(),
                              {"keep secrets out of the file: Authorization: ${OTLP_AUTH}"});
    for (const auto& [name, value] : n->entries()) file.headers.emplace_back(name, value.as_string());
  }
  if (const auto* n = otlp->find("capture_content")) file.capture_content = n->as_bool();
  return file;
}

std::optional<Headers> parse_header_list(std::string_view text) {
  Headers out;
  for (const auto& item : split(text, ',')) {
    if (trim(item).empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string::npos) return std::nullopt;
    auto name = trim(item.substr(0, eq));
    auto value = percent_decode(trim(item.substr(eq + 1)));
    if (name.empty() || !value) return std::nullopt;
    set_header(out, std::move(name), std::move(*value));
  }
  return out;
}

OtlpSettings resolve_otlp(const TelemetryFile& file, const Getenv& getenv) {
  OtlpSettings s;
  if (truthy(getenv("OTEL_SDK_DISABLED"))) return s;
  if (auto e = getenv("OTEL_TRACES_EXPORTER"); e && to_lower(trim(*e)) == "none") return s;
  std::string which;
  if (auto url = first_set(getenv, {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"}, &which)) {
    s.traces_url = *url;
  } else if (auto base = first_set(getenv, {"OTEL_EXPORTER_OTLP_ENDPOINT"}, &which)) {
    s.traces_url = with_traces_path(*base);
  } else if (!file.endpoint.empty()) {
    s.traces_url = with_traces_path(file.endpoint);
    which = "genops.yaml";
  }
  if (s.traces_url.empty()) return s;
  s.origin = which == "genops.yaml" ? which : "env " + which;
  if (!is_url(s.traces_url))
    fail_input(which + ": expected an http:// or https:// URL", {"e.g. " + which + "=http://localhost:4318"});
  for (const auto& [name, value] : file.headers) set_header(s.headers, name, expand(value, name, getenv));
  for (const char* var : {"OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS"}) {
    auto v = getenv(var);
    if (!v) continue;
    auto parsed = parse_header_list(*v);
    if (!parsed)
      fail_input(std::string(var) + ": expected name=value pairs separated by commas (values percent-encoded)",
                 {"e.g. " + std::string(var) + "=Authorization=Basic%20...,x-team=ml"});
    for (auto& [name, value] : *parsed) set_header(s.headers, name, value);
  }
  s.capture_content = file.capture_content || truthy(getenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"));
  if (auto attrs = getenv("OTEL_RESOURCE_ATTRIBUTES")) {
    if (auto parsed = parse_header_list(*attrs)) s.resource_attributes = *parsed;
    else s.notes.push_back("OTEL_RESOURCE_ATTRIBUTES is not a list of key=value pairs; ignored");
  }
  for (const auto& [k, v] : s.resource_attributes)
    if (k == "service.name") s.service_name = v;
  if (auto name = first_set(getenv, {"OTEL_SERVICE_NAME"})) s.service_name = *name;
  if (auto t = first_set(getenv, {"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT"}, &which)) {
    try {
      const long ms = std::stol(*t);
      if (ms <= 0) throw std::invalid_argument("not positive");
      s.timeout = std::chrono::milliseconds(ms);
    } catch (const std::logic_error&) {
      s.notes.push_back(which + "=" + *t + " is not a positive number of milliseconds; using 10000");
    }
  }
  if (auto p = first_set(getenv, {"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"}, &which);
      p && *p == "grpc")
    s.notes.push_back(which + "=grpc: genops sends OTLP/HTTP JSON; point the endpoint at the receiver's HTTP port (4318)");
  return s;
}

}  // namespace genops::core::config
