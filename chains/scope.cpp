#include "chains/scope.hpp"

namespace genops::chains {

const nlohmann::json* Scope::local(const std::string& name) const {
  for (const Scope* s = this; s; s = s->parent.get()) {
    for (const auto& [key, value] : s->locals) {
      if (key == name) return &value;
    }
  }
  return nullptr;
}

std::shared_ptr<const Scope> make_root_scope(std::shared_ptr<Frame> frame) {
  auto scope = std::make_shared<Scope>();
  scope->frame = std::move(frame);
  return scope;
}

std::shared_ptr<const Scope> make_child_scope(std::shared_ptr<const Scope> parent,
                                              std::vector<std::pair<std::string, nlohmann::json>> locals) {
  auto scope = std::make_shared<Scope>();
  scope->frame = parent->frame;
  scope->parent = std::move(parent);
  scope->locals = std::move(locals);
  return scope;
}

}  // namespace genops::chains
