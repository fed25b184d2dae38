#include "chains/graph.hpp"

#include <algorithm>
#include <set>

#include "chains/chain.hpp"

namespace genops::chains {

namespace {

// Depth-first search for a back edge; fills `cycle` with the path closing it.
bool find_cycle(std::size_t node, const std::vector<std::vector<std::size_t>>& deps, std::vector<int>& colour,
                std::vector<std::size_t>& stack, std::vector<std::size_t>& cycle) {
  colour[node] = 1;
  stack.push_back(node);
  for (auto next : deps[node]) {
    if (colour[next] == 1) {
      auto it = std::find(stack.begin(), stack.end(), next);
      cycle.assign(it, stack.end());
      return true;
    }
    if (colour[next] == 0 && find_cycle(next, deps, colour, stack, cycle)) return true;
  }
  stack.pop_back();
  colour[node] = 2;
  return false;
}

std::string escape_label(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '"' ? std::string("'") : std::string(1, c);
  return out;
}

}  // namespace

std::variant<std::vector<std::size_t>, Cycle> order_steps(const std::vector<std::vector<std::size_t>>& deps) {
  std::vector<int> colour(deps.size(), 0);
  for (std::size_t i = 0; i < deps.size(); ++i) {
    std::vector<std::size_t> stack, cycle;
    if (colour[i] == 0 && find_cycle(i, deps, colour, stack, cycle)) {
      // Rotate so the cycle starts at its earliest step in file order.
      std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
      // deps point from reader to read; show the data flow (read -> reader).
      std::reverse(cycle.begin() + 1, cycle.end());
      return Cycle{cycle};
    }
  }
  std::vector<std::size_t> order;
  std::vector<bool> done(deps.size(), false);
  while (order.size() < deps.size()) {
    for (std::size_t i = 0; i < deps.size(); ++i) {
      if (done[i]) continue;
      if (std::all_of(deps[i].begin(), deps[i].end(), [&](auto d) { return done[d]; })) {
        done[i] = true;
        order.push_back(i);
      }
    }
  }
  return order;
}

std::string render_graph(const Chain& chain, GraphFormat format) {
  std::string out;
  bool mermaid = format == GraphFormat::mermaid;
  out += mermaid ? "flowchart TD\n" : "digraph \"" + escape_label(chain.name) + "\" {\n  rankdir=TB;\n";
  for (const auto& step : chain.steps) {
    std::string label = step.id + " (" + std::string(to_string(step.kind)) + ")";
    if (mermaid) out += "  " + step.id + "[\"" + escape_label(label) + "\"]\n";
    else out += "  \"" + step.id + "\" [label=\"" + escape_label(label) + "\"];\n";
  }
  for (const auto& step : chain.steps) {
    std::set<std::size_t> from(step.depends_on.begin(), step.depends_on.end());
    for (auto d : from) {
      const std::string& src = chain.steps[d].id;
      if (mermaid) out += "  " + src + (step.when ? " -. when .-> " : " --> ") + step.id + "\n";
      else out += "  \"" + src + "\" -> \"" + step.id + "\"" + (step.when ? " [style=dashed, label=\"when\"]" : "") + ";\n";
    }
  }
  if (!mermaid) out += "}\n";
  return out;
}

}  // namespace genops::chains
