// kind: exec — run a program (an argv list, no shell) with the step's inputs
// as JSON on stdin; its stdout is the output (JSON if it parses, else text).
// Its exit status and redacted stderr go to the step's record (`params`).
#include <cstring>

#include "chains/steps/kinds.hpp"
#include "core/format.hpp"
#include "core/json.hpp"
#include "core/process/child_env.hpp"
#include "core/process/subprocess.hpp"
#include "core/redact.hpp"
#include "core/strings.hpp"

extern char** environ;

namespace genops::chains::steps {

namespace {

std::string last_line(const std::string& text) {
  auto lines = core::split_lines(text);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    auto line = core::trim(*it);
    if (!line.empty()) return line;
  }
  return "";
}

// JSON when the whole of stdout parses as JSON, otherwise the text without its trailing newlines.
nlohmann::json output_of(const std::string& out) {
  auto trimmed = core::trim(out);
  if (!trimmed.empty()) {
    if (auto parsed = core::parse_json(trimmed)) return std::move(*parsed);
  }
  auto end = out.find_last_not_of("\r\n");
  return end == std::string::npos ? std::string() : out.substr(0, end + 1);
}

std::string seconds(std::chrono::milliseconds d) {
  return core::format_general(static_cast<double>(d.count()) / 1000.0) + "s";
}

// The failure of a run that started, or nothing when it succeeded.
std::optional<std::string> failure_of(const core::process::SubprocessResult& r, const std::string& program,
                                      const ExecStep& e, std::size_t max_stdout) {
  std::string tail = core::redact(last_line(r.err));
  std::string said = tail.empty() ? "" : ": " + tail;
  if (r.timed_out) return "exec: " + program + " timed out after " + seconds(e.timeout) + " and was killed";
  if (r.stdout_overflow) return "exec: " + program + " wrote more than " + std::to_string(max_stdout) + " bytes to stdout";
  if (r.signal != 0)
    return "exec: " + program + " was killed by signal " + std::to_string(r.signal) + " (" + strsignal(r.signal) + ")" + said;
  if (r.exit_code != 0) return "exec: " + program + " exited with status " + std::to_string(r.exit_code) + said;
  return std::nullopt;
}

}  // namespace

void run_exec(const StepCall& call, run::StepDone done) {
  const auto& e = std::get<ExecStep>(call.step->body);
  std::vector<std::string> argv;
  for (const auto& arg : e.command) argv.push_back(arg.render_text(*call.scope));
  auto input = nlohmann::json::object();
  for (const auto& [name, value] : e.inputs) input[name] = value.render_value(*call.scope);
  std::string stdin_text = core::dump_json(input);
  call.record->request = core::dump_json(nlohmann::json{{"command", argv}, {"stdin", input}, {"timeout_ms", e.timeout.count()}});
  core::process::SubprocessLimits limits;
  limits.timeout = e.timeout;
  // An interrupt or the chain's own timeout kills the program rather than waiting for it.
  limits.cancelled = [run = call.run] { return run->stop_reason().has_value(); };
  // Built per run: a key registered after the chain loaded is still kept out.
  auto env = core::process::child_environment(environ, call.run->services().secret_env, e.env);
  // The program blocks this worker until it ends or its timeout kills it.
  auto run = core::process::run_subprocess(argv, e.dir.string(), env, stdin_text + "\n", limits);
  if (!run)
    return done(run::StepOutcome::failure(core::ErrorKind::invalid_input, "exec: cannot run " + core::quote(argv[0]) + ": " + run.error()));
  const auto& r = *run;
  nlohmann::json process = {{"exit_code", r.exit_code}, {"stderr", core::redact(r.err)}};
  if (r.signal != 0) process["signal"] = r.signal;
  if (r.timed_out) process["timed_out"] = true;
  if (r.cancelled) process["cancelled"] = true;
  call.record->params_json = core::dump_json(process);
  if (r.cancelled) return done(call.run->stopped_outcome());
  if (auto failure = failure_of(r, core::quote(argv[0]), e, limits.max_stdout_bytes))
    return done(run::StepOutcome::failure(core::ErrorKind::invalid_input, *failure));
  done(run::StepOutcome::success(output_of(r.out)));
}

}  // namespace genops::chains::steps
