// kind: transform — render a template, extract JSON, or take a regex group; no model call.
#include "core/json_schema.hpp"
#include "chains/steps/kinds.hpp"
#include "chains/steps/model_request.hpp"

namespace genops::chains::steps {

namespace {

// RE2 is linear in the text: inputs of any length are safe (no size cap).
run::StepOutcome extract_regex(const TransformStep& t, const std::string& text) {
  auto match = t.regex->find(text);
  if (!match || !match->groups[t.group]) return run::StepOutcome::success(nullptr);
  return run::StepOutcome::success(std::move(*match->groups[t.group]));
}

}  // namespace

void run_transform(const StepCall& call, run::StepDone done) {
  const auto& t = std::get<TransformStep>(call.step->body);
  switch (t.op) {
    case TransformStep::Op::render: return done(run::StepOutcome::success(t.input.render_text(*call.scope)));
    case TransformStep::Op::regex: return done(extract_regex(t, t.input.render_text(*call.scope)));
    case TransformStep::Op::json: {
      auto value = t.input.render_value(*call.scope);
      // An input that already is JSON (a whole-value reference to an object) passes as is.
      if (!value.is_string()) return done(run::StepOutcome::success(std::move(value)));
      auto parsed = extract_json(value.get_ref<const std::string&>());
      if (!parsed) return done(run::StepOutcome::failure(core::ErrorKind::invalid_input, "extract json: " + parsed.error()));
      if (!t.output.schema.is_null()) {
        if (auto problem = core::validate_json(*parsed, t.output.schema))
          return done(run::StepOutcome::failure(core::ErrorKind::invalid_input, "extract json: " + *problem));
      }
      return done(run::StepOutcome::success(std::move(*parsed)));
    }
  }
}

}  // namespace genops::chains::steps
