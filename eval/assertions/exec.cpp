// exec: an external scorer. The case goes to its stdin as JSON; its stdout
// is a score: a number in 0..1, true/false, or {pass, score, reason}.
#include <csignal>
#include <cstring>

#include "core/json.hpp"
#include "core/redact.hpp"
#include "core/strings.hpp"
#include "core/yaml/scalar.hpp"
#include "eval/assertions/family.hpp"
#include "core/process/child_env.hpp"
#include "core/process/subprocess.hpp"

extern char** environ;

namespace genops::eval::assertions {

namespace {

constexpr std::chrono::milliseconds k_default_exec_timeout{30'000};

// The argv from option `command`: a string runs through /bin/sh -c, a list as is.
core::Expected<std::vector<std::string>> command_argv(const AssertionSpec& spec) {
  if (!spec.options.contains("command")) return core::unexpected("exec needs a command");
  const auto& command = spec.options["command"];
  if (command.is_string() && !command.get<std::string>().empty())
    return std::vector<std::string>{"/bin/sh", "-c", command.get<std::string>()};
  if (command.is_array() && !command.empty()) {
    std::vector<std::string> argv;
    for (const auto& a : command) {
      if (!a.is_string()) return core::unexpected("exec: command list items must be strings, got " + a.dump());
      argv.push_back(a.get<std::string>());
    }
    return argv;
  }
  return core::unexpected("exec: command must be a non-empty string or list of strings, got " + command.dump());
}

core::Expected<std::chrono::milliseconds> timeout_of(const AssertionSpec& spec) {
  if (!spec.options.contains("timeout")) return k_default_exec_timeout;
  const auto& t = spec.options["timeout"];
  if (t.is_number() && t.get<double>() > 0)
    return std::chrono::milliseconds(static_cast<std::int64_t>(t.get<double>() * 1000));
  if (t.is_string()) {
    auto parsed = core::yaml::parse_duration(t.get<std::string>());
    if (parsed && parsed->count() > 0) return *parsed;
  }
  return core::unexpected("exec: timeout must be a duration like 30s or 500ms, got " + t.dump());
}

std::string stdin_document(const AssertionSpec& spec, const AssertionInput& input) {
  nlohmann::json doc = {
      {"output", std::string(input.output)},
      {"outputs", input.outputs != nullptr ? *input.outputs : nlohmann::json(std::string(input.output))},
      {"vars", input.vars != nullptr ? *input.vars : nlohmann::json::object()},
      {"expected", input.expected ? nlohmann::json(*input.expected) : nlohmann::json()},
      {"value", spec.value},
      {"threshold", spec.threshold ? nlohmann::json(*spec.threshold) : nlohmann::json()},
      {"case_key", std::string(input.case_key)},
      {"latency_ms", input.latency.count()},
      {"cost_usd", input.cost_usd},
      {"input_tokens", input.input_tokens},
      {"output_tokens", input.output_tokens},
  };
  return core::dump_json(doc) + "\n";
}

std::string last_line(const std::string& text) {
  auto lines = core::split_lines(text);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    auto line = core::trim(*it);
    if (!line.empty()) return line;
  }
  return "";
}

// A number score: passes above 0, or at the threshold when there is one (promptfoo's rule).
Verdict number_verdict(const AssertionSpec& spec, double score, std::string reason) {
  Verdict v;
  v.score = score;
  v.threshold = spec.threshold;
  v.pass = spec.threshold ? score >= *spec.threshold : score > 0;
  std::string shown = "scorer's score " + format_score(score);
  std::string floor = spec.threshold ? "the threshold " + format_score(*spec.threshold) : "0";
  v.reason = reason.empty() ? shown + (spec.threshold ? " is below " : " is not above ") + floor : reason;
  v.holds = reason.empty() ? shown + (spec.threshold ? " is at or above " : " is above ") + floor : reason;
  v.note = reason;
  return v;
}

Verdict parse_score(const AssertionSpec& spec, const std::string& out) {
  const std::string bad = "exec: the scorer's stdout is not a score (a number in 0..1, true/false or {pass, score, reason}): ";
  auto parsed = core::parse_json(core::trim(out));
  if (!parsed) return error_verdict(bad + core::quote(out, 80));
  const auto& j = *parsed;
  if (j.is_boolean()) return bool_verdict(j.get<bool>(), "scorer said false", "scorer said true");
  if (j.is_number()) {
    double score = j.get<double>();
    if (!(score >= 0 && score <= 1)) return error_verdict("exec: the scorer's score " + j.dump() + " is outside 0..1");
    return number_verdict(spec, score, "");
  }
  if (!j.is_object()) return error_verdict(bad + core::quote(out, 80));
  std::string reason;
  if (j.contains("reason")) {
    if (!j["reason"].is_string()) return error_verdict("exec: \"reason\" must be a string, got " + j["reason"].dump());
    reason = j["reason"].get<std::string>();
  }
  std::optional<double> score;
  if (j.contains("score") && !j["score"].is_null()) {
    if (!j["score"].is_number() || !(j["score"].get<double>() >= 0 && j["score"].get<double>() <= 1))
      return error_verdict("exec: \"score\" must be a number in 0..1, got " + j["score"].dump());
    score = j["score"].get<double>();
  }
  if (!j.contains("pass")) {
    if (!score) return error_verdict(bad + core::quote(out, 80));
    return number_verdict(spec, *score, reason);
  }
  if (!j["pass"].is_boolean()) return error_verdict("exec: \"pass\" must be true or false, got " + j["pass"].dump());
  Verdict v;
  v.pass = j["pass"].get<bool>();
  v.score = score.value_or(v.pass ? 1.0 : 0.0);
  v.threshold = spec.threshold;
  if (v.pass && spec.threshold && *v.score < *spec.threshold) {
    v.pass = false;
    reason = "score " + format_score(*v.score) + " is below the threshold " + format_score(*spec.threshold) +
             (reason.empty() ? "" : ": " + reason);
  }
  v.reason = reason.empty() ? "scorer said it fails" : reason;
  v.holds = reason.empty() ? "scorer said it passes" : reason;
  v.note = reason;
  return v;
}

}  // namespace

Verdict check_exec(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices& services) {
  auto argv = command_argv(spec);
  if (!argv) return error_verdict(argv.error());
  auto timeout = timeout_of(spec);
  if (!timeout) return error_verdict(timeout.error());
  core::process::SubprocessLimits limits;
  limits.timeout = *timeout;
  // Built per run: a key registered after the suite loaded is still kept out.
  auto env = core::process::child_environment(environ, services.secret_env);
  auto run = core::process::run_subprocess(*argv, services.project_dir, env, stdin_document(spec, input), limits);
  if (!run) return error_verdict("exec: " + run.error());
  const auto& r = *run;
  if (r.timed_out)
    return error_verdict("exec: the scorer timed out after " + format_score(static_cast<double>(limits.timeout.count()) / 1000.0) +
                         "s and was killed");
  if (r.stdout_overflow)
    return error_verdict("exec: the scorer wrote more than " + std::to_string(limits.max_stdout_bytes) + " bytes to stdout");
  std::string tail = core::redact(last_line(r.err));
  if (r.signal != 0)
    return error_verdict("exec: the scorer was killed by signal " + std::to_string(r.signal) + " (" + strsignal(r.signal) + ")" +
                         (tail.empty() ? "" : ": " + tail));
  if (r.exit_code != 0)
    return error_verdict("exec: the scorer exited with status " + std::to_string(r.exit_code) + (tail.empty() ? "" : ": " + tail));
  return parse_score(spec, r.out);
}

}  // namespace genops::eval::assertions
