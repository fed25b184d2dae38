#include "cli/man_page.hpp"

#include <sstream>
#include <utility>

#include "core/error.hpp"

namespace genops::cli {

namespace {

// Text safe in roff: backslashes doubled, a leading dot or quote neutralised,
// hyphens in option-like words kept literal.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string synopsis_of(const CommandNode& node) {
  std::string s = "\\fB" + roff(node.path) + "\\fR";
  if (!node.subcommands.empty()) return s + " \\fICOMMAND\\fR";
  for (const auto& o : node.options)
    if (o.positional) s += " \\fI" + roff(o.value_name) + (o.repeats ? "...\\fR" : "\\fR");
  bool has_flags = false;
  for (const auto& o : node.options) has_flags |= !o.positional;
  if (has_flags) s += " [\\fIOPTIONS\\fR]";
  return s;
}

void write_option(std::ostringstream& out, const CommandOption& o) {
  out << ".TP\n";
  if (o.positional) {
    out << "\\fI" << roff(o.value_name) << "\\fR\n";
  } else {
    for (std::size_t i = 0; i < o.names.size(); ++i) out << (i ? ", " : "") << "\\fB" << roff(o.names[i]) << "\\fR";
    if (!o.value_name.empty()) out << " \\fI" << roff(o.value_name) << "\\fR";
    out << '\n';
  }
  out << roff(o.description.empty() ? "(no description)" : o.description) << '\n';
}

void write_command(std::ostringstream& out, const CommandNode& node) {
  out << ".SS \"" << roff(node.path) << "\"\n" << roff(node.description) << "\n.PP\n" << synopsis_of(node) << '\n';
  for (const auto& o : node.options) write_option(out, o);
  if (!node.footer.empty()) out << ".PP\n.nf\n" << roff(node.footer) << "\n.fi\n";
}

const std::pair<const char*, const char*> k_environment[] = {
    {"GENOPS_STORE", "the lineage store, a file or a postgresql:// URL (overrides store: in genops.yaml; --store overrides it)"},
    {"GENOPS_STORE_RETRY_SECONDS", "how long to retry an unreachable PostgreSQL store before failing (default 10)"},
    {"GENOPS_PROVIDER", "the default provider (defaults.provider)"},
    {"GENOPS_CONCURRENCY", "requests in flight at once (defaults.concurrency; -j overrides it)"},
    {"GENOPS_TIMEOUT", "the per-request timeout, e.g. 60s (defaults.timeout)"},
    {"GENOPS_MAX_RETRIES", "retries of a failed request (defaults.max_retries)"},
    {"GENOPS_AUTHOR", "the author recorded with new prompt versions and label moves (else git user.name, else USER)"},
    {"GENOPS_LOG", "debug logging to stderr (redacted): set to debug"},
    {"OTEL_EXPORTER_OTLP_ENDPOINT", "send runs, steps and eval cases as OpenTelemetry spans to this OTLP/HTTP base URL (/v1/traces appended; overrides telemetry.otlp.endpoint in genops.yaml)"},
    {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "the full OTLP/HTTP traces URL, used as is (overrides OTEL_EXPORTER_OTLP_ENDPOINT)"},
    {"OTEL_EXPORTER_OTLP_HEADERS", "headers sent with every export, name=value pairs separated by commas, values percent-encoded (secrets: never logged); also OTEL_EXPORTER_OTLP_TRACES_HEADERS"},
    {"OTEL_EXPORTER_OTLP_TIMEOUT", "the timeout of one export request in milliseconds (default 10000); also OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"},
    {"OTEL_SERVICE_NAME", "the service.name of exported spans (default genops); OTEL_RESOURCE_ATTRIBUTES adds key=value resource attributes"},
    {"OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true: export message contents, run inputs and outputs (redacted), as telemetry.otlp.capture_content"},
    {"OTEL_SDK_DISABLED", "true: no telemetry export (also OTEL_TRACES_EXPORTER=none)"},
    {"GENOPS_BATCH_POLL_MS", "eval --batch: the first wait before polling a batch, doubling up to a minute (default 5000)"},
    {"GENOPS_BATCH_MAX_REQUESTS", "eval --batch: the most requests in one provider batch (default 50000)"},
    {"NO_COLOR", "never colour the output"},
    {"api_key_env", "each provider reads its key from the environment variable its api_key_env names"},
};

}  // namespace

std::string render_man_page(const CommandNode& root, const std::string& version) {
  std::ostringstream out;
  out << ".TH GENOPS 1 \"\" \"genops " << roff(version) << "\" \"User Commands\"\n"
      << ".SH NAME\ngenops \\- " << roff(root.description.substr(root.description.find(':') + 2)) << '\n'
      << ".SH SYNOPSIS\n\\fBgenops\\fR [\\fB\\-\\-project\\fR \\fIDIR\\fR] [\\fB\\-\\-store\\fR \\fISTORE\\fR] "
         "\\fICOMMAND\\fR [\\fIARGS\\fR]\n"
      << ".SH DESCRIPTION\n" << roff(root.description) << "\n.PP\n"
      << "Data goes to stdout and diagnostics to stderr. Every command has \\fB\\-\\-help\\fR with an example.\n"
      << ".SH GLOBAL OPTIONS\n";
  for (const auto& o : root.options) write_option(out, o);
  out << ".SH COMMANDS\n";
  for (const CommandNode* node : flatten(root))
    if (node != &root) write_command(out, *node);
  out << ".SH EXIT STATUS\n.TP\n\\fB0\\fR\nsuccess\n";
  const std::pair<core::ErrorKind, const char*> kinds[] = {
      {core::ErrorKind::check_failed, "ran correctly, but a check failed (gate, skew over threshold)"},
      {core::ErrorKind::usage, "usage error (unknown flag, missing argument)"},
      {core::ErrorKind::invalid_input, "invalid config or input (bad YAML, unknown key, undeclared variable, missing file)"},
      {core::ErrorKind::provider, "provider failure after retries (HTTP error, timeout, auth, malformed reply)"},
      {core::ErrorKind::storage, "storage failure (cannot open, migrate or write the store; store newer than the binary)"},
      {core::ErrorKind::internal, "internal error (a bug)"},
      {core::ErrorKind::interrupted, "interrupted (SIGINT, SIGTERM or SIGHUP; everything finished so far is saved)"},
  };
  for (const auto& [kind, text] : kinds) out << ".TP\n\\fB" << core::exit_code(kind) << "\\fR\n" << roff(text) << '\n';
  out << ".SH ENVIRONMENT\n";
  for (const auto& [name, text] : k_environment) out << ".TP\n\\fB" << roff(name) << "\\fR\n" << roff(text) << '\n';
  out << ".SH FILES\n.TP\n\\fBgenops.yaml\\fR\nthe project file, found by walking up from the working directory\n"
      << ".TP\n\\fB.genops/genops.db\\fR\nthe default lineage store (SQLite)\n"
      << ".SH SEE ALSO\nThe documentation under /usr/share/doc/genops (README.md, docs/*.md) and the runnable "
         "examples under /usr/share/doc/genops/examples.\n";
  return out.str();
}

}  // namespace genops::cli
