#include "chains/steps/model_request.hpp"

#include "core/json.hpp"
#include "core/llm/model_settings.hpp"
#include "core/prompt/render.hpp"

namespace genops::chains::steps {

core::llm::Request build_request(const ModelCall& call, const Scope& scope, chains::StepRecord& record) {
  core::llm::Request request;
  auto vars = nlohmann::json::object();
  for (const auto& [name, tmpl] : call.vars) vars[name] = tmpl.render_value(scope);
  if (call.prompt) {
    auto rendered = core::prompt::render_prompt(call.prompt->spec, vars, call.prompt->ref);
    for (auto& m : rendered.messages) request.messages.push_back({m.role, std::move(m.content), {}, {}});
    request.vars = std::move(rendered.vars);
    record.prompt_ref = call.prompt->ref;
    record.prompt_hash = call.prompt->hash;
  } else {
    std::vector<std::pair<std::string, nlohmann::json>> locals;
    for (const auto& [key, value] : vars.items()) locals.emplace_back(key, value);
    Scope with_vars = scope;
    with_vars.locals.insert(with_vars.locals.end(), locals.begin(), locals.end());
    for (const auto& m : call.messages) request.messages.push_back({m.role, m.content.render_text(with_vars), {}, {}});
    request.vars = std::move(vars);
  }
  auto params = nlohmann::json::object();
  core::llm::apply_model_settings(call.model, request, &params);
  record.provider = call.provider;
  record.params_json = core::dump_json(params);
  return request;
}

std::string request_text(const core::llm::Request& request) {
  auto messages = nlohmann::json::array();
  for (const auto& m : request.messages) {
    nlohmann::json j = {{"role", m.role}, {"content", m.content}};
    if (!m.tool_call_id.empty()) j["tool_call_id"] = m.tool_call_id;
    if (!m.tool_calls.empty()) {
      auto calls = nlohmann::json::array();
      for (const auto& c : m.tool_calls) calls.push_back({{"id", c.id}, {"name", c.name}, {"arguments", c.arguments_json}});
      j["tool_calls"] = calls;
    }
    messages.push_back(std::move(j));
  }
  nlohmann::json out = {{"messages", messages}};
  if (!request.model.empty()) out["model"] = request.model;
  if (!request.tools.empty()) {
    auto tools = nlohmann::json::array();
    for (const auto& t : request.tools) tools.push_back(t.name);
    out["tools"] = tools;
  }
  return core::dump_json(out);
}

void account(run::RunContext& run, chains::StepRecord& record, const core::llm::Response& response) {
  record.model = response.model;
  record.input_tokens += response.usage.input_tokens;
  record.output_tokens += response.usage.output_tokens;
  record.cost_usd += response.cost_usd;
  record.cache_hit = response.cache_hit;
  record.retries += response.retries;
  if (auto over = run.budget().add_usage(response.usage.input_tokens, response.usage.output_tokens, response.cost_usd))
    run.stop(RunStatus::budget_exceeded, *over);
}

bool may_call(run::RunContext& run) {
  if (auto over = run.budget().check_call()) {
    run.stop(RunStatus::budget_exceeded, *over);
    return false;
  }
  return !run.stop_reason();
}

std::string describe_failure(const std::string& provider, const core::llm::Failure& failure) {
  std::string out = "provider " + provider + " failed (" + core::llm::to_string(failure.kind);
  std::string status = "HTTP " + std::to_string(failure.http_status);
  // Some messages already start with the status; say it once.
  if (failure.http_status && failure.message.rfind(status, 0) != 0) out += ", " + status;
  if (failure.retries) out += ", after " + std::to_string(failure.retries) + " retries";
  out += ")";
  if (!failure.message.empty()) out += ": " + failure.message;
  if (!failure.url.empty()) out += " [" + failure.url + "]";  // already redacted
  return out;
}

core::Expected<nlohmann::json> extract_json(std::string_view text) {
  auto direct = core::parse_json(text);
  if (direct) return direct;
  std::string_view body = text;
  if (auto fence = text.find("```"); fence != std::string_view::npos) {
    auto start = text.find('\n', fence);
    auto end = start == std::string_view::npos ? start : text.find("```", start);
    if (end != std::string_view::npos) body = text.substr(start + 1, end - start - 1);
  }
  auto first = body.find_first_of("{[");
  if (first == std::string_view::npos) return core::unexpected("no JSON object or list in the text");
  char close = body[first] == '{' ? '}' : ']';
  auto last = body.find_last_of(close);
  if (last == std::string_view::npos || last < first) return core::unexpected("unterminated JSON in the text");
  return core::parse_json(body.substr(first, last - first + 1));
}

}  // namespace genops::chains::steps
