#include "cli/label_moves.hpp"

#include "cli/prompt_json.hpp"
#include "core/error.hpp"
#include "eval/store/eval_queries.hpp"
#include "core/strings.hpp"

namespace genops::cli {

PromptLabelMove move_prompt_label(core::prompt::PromptStore& prompts, const std::string& ref, const std::string& label,
                                  const std::string& author) {
  check_label_name(label);
  auto v = resolve_ref(prompts, ref);
  return {v.name, prompts.set_label(v.name, v.number, label, author)};
}

std::string describe(const PromptLabelMove& m) {
  std::string out = m.name + "@" + m.move.label + " -> @" + std::to_string(m.move.number);
  if (!m.move.previous) return out + " (new label)";
  if (m.move.previous == m.move.number) return out + " (unchanged)";
  return out + " (was @" + std::to_string(m.move.previous) + ")";
}

EvalLabelMove move_eval_label(core::lineage::Database& db, eval::EvalStore& evals, const std::string& run,
                              const std::string& label, const std::string& author) {
  check_label_name(label);
  auto found = eval::find_eval_run(db, run);
  if (!found) core::fail_input("no eval run " + core::quote(run), {"list eval runs with: genops evals list"});
  auto previous = evals.run_for_label(found->suite, label);
  if (previous != found->id) evals.add_label(label, found->suite, found->id, author);
  return {*found, previous};
}

std::string describe(const EvalLabelMove& m, const std::string& label) {
  std::string out = m.run.suite + "@" + label + " -> " + m.run.id;
  if (!m.previous) return out + " (new label)";
  if (*m.previous == m.run.id) return out + " (unchanged)";
  return out + " (was " + *m.previous + ")";
}

}  // namespace genops::cli
