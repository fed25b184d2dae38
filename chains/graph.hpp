#pragma once
// The step graph of a chain: edges from the references each step's templates
// and conditions make, an order to start steps in, and Mermaid/DOT renderings.
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace genops::chains {

struct Chain;

// A cycle, as step indices in order (the first is read by the last).
struct Cycle {
  std::vector<std::size_t> steps;
};

// `deps[i]` lists the steps step i reads. Returns an order in which every
// step comes after what it reads (ties in file order), or a cycle.
std::variant<std::vector<std::size_t>, Cycle> order_steps(const std::vector<std::vector<std::size_t>>& deps);

enum class GraphFormat { mermaid, dot };

// The chain's steps and edges: `flowchart TD` for Mermaid, `digraph` for DOT.
// Nodes show id and kind; a step with `when` gets a dashed edge label.
std::string render_graph(const Chain& chain, GraphFormat format);

}  // namespace genops::chains
