#pragma once
// What templates and `when` expressions read at run time: a chain invocation's
// inputs and step outputs (its Frame), plus locals such as a map's `item`.
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace genops::chains {

// The data of one chain invocation. `outputs` is sized once, to the chain's
// step count, and each slot is written once, by its step, before any step
// that depends on it starts; so readers never race with the writer.
struct Frame {
  nlohmann::json inputs = nlohmann::json::object();
  std::vector<nlohmann::json> outputs;  // by step index; null until done (or when skipped)
};

// A lexical scope: the frame plus locals; nested scopes (a map item inside a
// loop iteration) chain to their parent. Shared because steps run async.
struct Scope {
  std::shared_ptr<Frame> frame;
  std::shared_ptr<const Scope> parent;
  std::vector<std::pair<std::string, nlohmann::json>> locals;  // item, index, loop, args, output, iteration

  // The local `name` here or in a parent scope, or nullptr.
  const nlohmann::json* local(const std::string& name) const;
};

// A scope over `frame` with no locals.
std::shared_ptr<const Scope> make_root_scope(std::shared_ptr<Frame> frame);
// A child of `parent` holding `locals`.
std::shared_ptr<const Scope> make_child_scope(std::shared_ptr<const Scope> parent,
                                              std::vector<std::pair<std::string, nlohmann::json>> locals);

}  // namespace genops::chains
