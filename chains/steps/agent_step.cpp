// kind: agent — a model with tool calling. It may call only the tools the step
// lists (each a step or a chain); every turn and every tool call is recorded
// under the agent's step; an undeclared tool is refused, recorded and logged;
// `max_turns` and the run's budget bound it.
#include "core/json_schema.hpp"
#include "chains/steps/kinds.hpp"
#include "chains/steps/model_request.hpp"
#include "core/json.hpp"
#include "core/strings.hpp"
#include "core/time.hpp"

namespace genops::chains::steps {

namespace {

using chains::StepRecord;
using run::StepOutcome;

std::int64_t elapsed_us(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - since).count();
}

// Failures that end the agent rather than go back to the model as a tool result.
bool ends_agent(const StepOutcome& o) {
  return o.kind == core::ErrorKind::provider || o.kind == core::ErrorKind::check_failed ||
         o.kind == core::ErrorKind::interrupted || o.kind == core::ErrorKind::internal;
}

class AgentRun : public std::enable_shared_from_this<AgentRun> {
 public:
  AgentRun(StepCall call, run::StepDone done)
      : m_call(std::move(call)), m_agent(std::get<AgentStep>(m_call.step->body)), m_done(std::move(done)) {}

  void start() {
    m_request = build_request(m_agent.call, *m_call.scope, *m_call.record);
    for (const auto& t : m_agent.tools) m_request.tools.push_back({t.name, t.description, t.parameters});
    m_call.record->request = request_text(m_request);
    next_turn();
  }

 private:
  StepRecord child_record(std::string kind, std::string id) const {
    StepRecord r;
    r.seq = m_call.run->next_seq();
    r.parent_seq = m_call.seq;
    r.item_index = m_turn;
    r.step_id = std::move(id);
    r.kind = std::move(kind);
    r.started_at = core::now_timestamp();
    return r;
  }

  void next_turn() {
    auto& run = *m_call.run;
    if (!may_call(run)) return m_done(run.stopped_outcome());
    if (auto over = run.budget().charge_step()) {
      run.stop(RunStatus::budget_exceeded, *over);
      return m_done(run.stopped_outcome());
    }
    ++m_turn;
    auto record = std::make_shared<StepRecord>(child_record("llm", m_call.step->id));
    record->provider = m_call.record->provider;
    record->prompt_ref = m_call.record->prompt_ref;
    record->prompt_hash = m_call.record->prompt_hash;
    record->params_json = m_call.record->params_json;
    record->request = request_text(m_request);
    auto started = std::chrono::steady_clock::now();
    auto self = shared_from_this();
    try {
      run.services().client(m_agent.call.provider).submit(m_request, [self, record, started](core::llm::Outcome outcome) {
        self->m_call.run->post([self, record, started, outcome = std::move(outcome)]() mutable {
          record->latency_us = elapsed_us(started);
          self->on_reply(*record, std::move(outcome));
        });
      });
    } catch (const core::Error& e) {
      m_done(StepOutcome::failure(e.kind(), e.what()));
    }
  }

  void on_reply(StepRecord& record, core::llm::Outcome outcome) {
    auto& run = *m_call.run;
    if (auto* failure = std::get_if<core::llm::Failure>(&outcome)) {
      record.status = "failed";
      record.error = describe_failure(m_agent.call.provider, *failure);
      record.retries = failure->retries;
      std::string error = record.error;
      run.record(std::move(record));
      return m_done(StepOutcome::failure(core::ErrorKind::provider, error));
    }
    auto& response = std::get<core::llm::Response>(outcome);
    account(run, record, response);
    nlohmann::json out = {{"text", response.text}};
    for (const auto& c : response.tool_calls) out["tool_calls"].push_back({{"id", c.id}, {"name", c.name}, {"arguments", c.arguments_json}});
    record.output = core::dump_json(out);
    run.record(std::move(record));
    m_request.messages.push_back({"assistant", response.text, response.tool_calls, {}});
    if (response.tool_calls.empty()) return m_done(StepOutcome::success(response.text));
    if (m_turn >= m_agent.max_turns) {
      std::vector<std::string> names;
      for (const auto& c : response.tool_calls) names.push_back(c.name);
      return m_done(StepOutcome::failure(core::ErrorKind::check_failed,
                                         "agent stopped at max_turns (" + std::to_string(m_agent.max_turns) +
                                             ") while still calling tools: " + core::join(names, ", ")));
    }
    m_calls = response.tool_calls;
    call_tool(0);
  }

  void reply_to_tool(std::size_t i, const std::string& content) {
    m_request.messages.push_back({"tool", content, {}, m_calls[i].id});
    auto self = shared_from_this();
    m_call.run->post([self, i] { self->call_tool(i + 1); });
  }

  const Tool* find_tool(const std::string& name) const {
    for (const auto& t : m_agent.tools) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }

  void call_tool(std::size_t i) {
    if (i >= m_calls.size()) return next_turn();
    const auto& tc = m_calls[i];
    auto record = std::make_shared<StepRecord>(child_record("tool", tc.name));
    record->request = core::dump_json({{"id", tc.id}, {"name", tc.name}, {"arguments", tc.arguments_json}});
    const Tool* tool = find_tool(tc.name);
    if (!tool) return refuse(i, *record);
    auto args = core::parse_json(tc.arguments_json.empty() ? "{}" : tc.arguments_json);
    std::string problem = !args ? "arguments are not valid JSON: " + args.error() : "";
    if (args) {
      if (auto bad = core::validate_json(*args, tool->parameters)) problem = "arguments do not match the tool's parameters: " + *bad;
    }
    if (!problem.empty()) return tool_failed(i, *record, problem);
    run_tool(i, *tool, std::move(*args), record);
  }

  void refuse(std::size_t i, StepRecord& record) {
    std::vector<std::string> names;
    for (const auto& t : m_agent.tools) names.push_back(t.name);
    record.status = "refused";
    record.error = "undeclared tool " + core::quote(record.step_id) + " refused (declared: " + core::join(names, ", ") + ")";
    m_call.run->warn("run " + m_call.run->id() + ": step " + m_call.step->id + ": " + record.error);
    m_call.run->record(std::move(record));
    reply_to_tool(i, "error: tool " + m_calls[i].name + " is not available; use one of: " + core::join(names, ", "));
  }

  void tool_failed(std::size_t i, StepRecord& record, const std::string& problem) {
    record.status = "failed";
    record.error = problem;
    m_call.run->record(std::move(record));
    reply_to_tool(i, "error: " + problem);
  }

  void run_tool(std::size_t i, const Tool& tool, nlohmann::json args, std::shared_ptr<StepRecord> record) {
    auto started = std::chrono::steady_clock::now();
    auto self = shared_from_this();
    auto finished = [self, i, record, started](StepOutcome o) {
      record->latency_us = elapsed_us(started);
      if (o.failed() && ends_agent(o)) {
        record->status = "failed";
        record->error = o.error;
        self->m_call.run->record(std::move(*record));
        return self->m_done(std::move(o));
      }
      if (o.failed()) return self->tool_failed(i, *record, o.error);
      record->output = to_text(o.output);
      std::string content = record->output;
      self->m_call.run->record(std::move(*record));
      self->reply_to_tool(i, content);
    };
    run::Place place{record->seq, std::nullopt, m_call.chain_depth};
    if (tool.step) {
      auto scope = make_child_scope(m_call.scope, {{"args", std::move(args)}});
      return run::execute_step(m_call.run, *tool.step, std::move(scope), place, finished);
    }
    auto frame = std::make_shared<Frame>();
    try {
      frame->inputs = run::bind_inputs(*tool.chain, args);
    } catch (const core::Error& e) {
      return tool_failed(i, *record, e.what());
    }
    ++place.chain_depth;
    if (place.chain_depth > m_call.run->max_chain_depth) return tool_failed(i, *record, "chain nested too deep");
    run::run_chain(m_call.run, *tool.chain, std::move(frame), place, finished);
  }

  StepCall m_call;
  const AgentStep& m_agent;
  run::StepDone m_done;
  core::llm::Request m_request;
  std::vector<core::llm::ToolCall> m_calls;
  int m_turn = 0;
};

}  // namespace

void run_agent(const StepCall& call, run::StepDone done) {
  auto state = std::make_shared<AgentRun>(call, std::move(done));
  state->start();
}

}  // namespace genops::chains::steps
