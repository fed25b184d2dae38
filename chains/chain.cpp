#include "chains/chain.hpp"

namespace genops::chains {

const std::vector<std::string>& step_kind_names() {
  // Order matches StepKind.
  static const std::vector<std::string> k_names = {"llm", "transform", "retrieve", "map", "loop", "chain", "agent", "exec"};
  return k_names;
}

std::string_view to_string(StepKind kind) { return step_kind_names()[static_cast<std::size_t>(kind)]; }

}  // namespace genops::chains
