// Parsing an `exec` step: a program (an argv list, no shell), the inputs
// given to it as JSON on stdin, a timeout and extra environment names.
#include "chains/load/loader_impl.hpp"
#include "chains/load/locate.hpp"
#include "core/process/child_env.hpp"
#include "core/strings.hpp"

namespace genops::chains::load {

using core::yaml::Node;

namespace {

constexpr std::chrono::milliseconds k_max_exec_timeout{3'600'000};

std::vector<Template> parse_command(const Node& node, const ScopeShape& shape, std::vector<std::size_t>& deps) {
  if (node.is_scalar())
    node.fail("expected a list of strings (the program and its arguments; no shell), got a string",
              {"write it as a list, e.g. command: [python3, scripts/score.py]",
               "for a shell pipeline, run it explicitly: command: [sh, -c, \"...\"]"});
  if (!node.is_sequence() || node.items().empty())
    node.fail("expected a non-empty list of strings (the program and its arguments), got " + node.describe());
  std::vector<Template> argv;
  for (const auto& item : node.items()) {
    if (!item.is_scalar()) item.fail("expected a string, got " + item.describe());
    if (item.as_string().empty()) item.fail("expected a non-empty string");
    argv.push_back(compile_at(item, shape, deps));
  }
  return argv;
}

std::vector<std::string> parse_env(const Node& node) {
  if (!node.is_sequence()) node.fail("expected a list of variable names, got " + node.describe());
  std::vector<std::string> names;
  for (const auto& item : node.items()) {
    const auto& name = item.as_string();
    if (name.empty() || name.find('=') != std::string::npos) item.fail("expected a variable name, got " + core::quote(name));
    if (core::process::secret_looking_name(name))
      item.fail("variable " + core::quote(name) + " looks like a credential; exec steps never see those",
                {"pass what the program needs through `inputs:` instead"});
    names.push_back(name);
  }
  return names;
}

}  // namespace

ExecStep parse_exec(const Node& node, const FileContext& ctx, const ScopeShape& shape, std::vector<std::size_t>& deps) {
  ExecStep e;
  const Node* command = node.find("command");
  if (!command) node.fail("missing required field \"command\"", {"e.g. command: [python3, scripts/step.py]"});
  e.command = parse_command(*command, shape, deps);
  if (const auto* inputs = node.find("inputs")) {
    if (!inputs->is_map()) inputs->fail("expected a map of names to templates, got " + inputs->describe());
    for (const auto& [key, value] : inputs->entries()) e.inputs.emplace_back(key, compile_at(value, shape, deps));
  }
  if (const auto* timeout = node.find("timeout")) {
    e.timeout = timeout->as_duration();
    if (e.timeout.count() <= 0 || e.timeout > k_max_exec_timeout)
      timeout->fail("expected a duration from 1ms to 1h, got " + core::quote(timeout->as_string()));
  }
  if (const auto* env = node.find("env")) e.env = parse_env(*env);
  e.dir = ctx.dir;
  return e;
}

}  // namespace genops::chains::load
