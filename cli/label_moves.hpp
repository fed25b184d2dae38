#pragma once
// Moving a label: `genops prompt label`, `genops evals label` and the
// viewer's label forms share these, so a move is checked and recorded (with
// its author) the same way wherever it is made.
#include <optional>
#include <string>

#include "eval/store/eval_store.hpp"
#include "core/prompt/prompt_store.hpp"
#include "core/lineage/store.hpp"

namespace genops::cli {

struct PromptLabelMove {
  std::string name;
  core::prompt::LabelMove move;
};

// Points `label` at the version `ref` names (NAME@3, NAME@sha:…, NAME@label).
// Throws Error(invalid_input) for a bad label name or an unknown version.
PromptLabelMove move_prompt_label(core::prompt::PromptStore& prompts, const std::string& ref, const std::string& label,
                                  const std::string& author);
// "NAME@label -> @3 (was @2)", as `prompt label` prints it.
std::string describe(const PromptLabelMove& m);

struct EvalLabelMove {
  eval::EvalRunRecord run;
  std::optional<std::string> previous;  // the run it pointed at before; nullopt for a new label
};

// Points `label` of the run's eval at eval run `run` (id, prefix or "last"),
// unless it already does. `db` finds the run; `evals` records the move.
// Throws Error(invalid_input) for a bad label name or an unknown run.
EvalLabelMove move_eval_label(core::lineage::Database& db, eval::EvalStore& evals, const std::string& run,
                              const std::string& label, const std::string& author);
// "EVAL@label -> RUN (was RUN)", as `evals label` prints it.
std::string describe(const EvalLabelMove& m, const std::string& label);

}  // namespace genops::cli
