#include "chains/reference.hpp"

#include <algorithm>
#include <charconv>

#include "core/json.hpp"
#include "core/strings.hpp"

namespace genops::chains {

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> known_roots(const ScopeShape& shape) {
  std::vector<std::string> roots = {"inputs", "steps"};
  roots.insert(roots.end(), shape.locals.begin(), shape.locals.end());
  return roots;
}

BindError unknown_root(const std::string& root, const ScopeShape& shape) {
  auto roots = known_roots(shape);
  std::vector<std::string> hints;
  if (auto m = core::closest_match(root, roots)) hints.push_back("did you mean \"" + *m + "\"?");
  hints.push_back("readable here: inputs.NAME, steps.ID.output" +
                  (shape.locals.empty() ? std::string() : ", " + core::join(shape.locals, ", ")));
  return {"unknown variable " + core::quote(root), hints};
}

std::variant<Reference, BindError> bind_input(Reference ref, const std::vector<std::string>& parts,
                                              const ScopeShape& shape) {
  if (parts.size() < 2) return BindError{"expected inputs.NAME, got \"inputs\"", {}};
  ref.name = parts[1];
  if (!contains(shape.inputs, ref.name)) {
    std::vector<std::string> hints;
    if (auto m = core::closest_match(ref.name, shape.inputs)) hints.push_back("did you mean \"" + *m + "\"?");
    hints.push_back("declare it under `inputs:`, e.g. `" + ref.name + ": {type: string}`");
    return BindError{"unknown input " + core::quote(ref.name), hints};
  }
  ref.rest.assign(parts.begin() + 2, parts.end());
  return ref;
}

std::variant<Reference, BindError> bind_step(Reference ref, const std::vector<std::string>& parts,
                                             const ScopeShape& shape) {
  if (parts.size() < 2) return BindError{"expected steps.ID.output, got \"steps\"", {}};
  ref.name = parts[1];
  auto it = std::find(shape.steps.begin(), shape.steps.end(), ref.name);
  if (it == shape.steps.end()) {
    return BindError{"unknown step " + core::quote(ref.name), {core::suggest(ref.name, shape.steps)}};
  }
  ref.step = static_cast<std::size_t>(it - shape.steps.begin());
  if (shape.self && *shape.self == ref.step)
    return BindError{"step " + core::quote(ref.name) + " reads its own output", {"a step can read only other steps"}};
  if (parts.size() < 3 || parts[2] != "output") {
    std::string got = parts.size() < 3 ? "" : "." + parts[2];
    return BindError{"expected steps." + ref.name + ".output, got steps." + ref.name + got, {}};
  }
  ref.rest.assign(parts.begin() + 3, parts.end());
  return ref;
}

}  // namespace

std::variant<Reference, BindError> bind_reference(std::string_view path, const ScopeShape& shape) {
  auto parts = core::split(path, '.');
  Reference ref;
  ref.text = std::string(path);
  if (parts.empty() || std::any_of(parts.begin(), parts.end(), [](const auto& p) { return p.empty(); }))
    return BindError{"malformed path " + core::quote(path), {}};
  if (contains(shape.locals, parts[0])) {
    ref.root = Reference::Root::local;
    ref.name = parts[0];
    ref.rest.assign(parts.begin() + 1, parts.end());
    return ref;
  }
  if (parts[0] == "inputs") {
    ref.root = Reference::Root::input;
    return bind_input(std::move(ref), parts, shape);
  }
  if (parts[0] == "steps") {
    ref.root = Reference::Root::step;
    return bind_step(std::move(ref), parts, shape);
  }
  return unknown_root(parts[0], shape);
}

const nlohmann::json* resolve(const Reference& ref, const Scope& scope) {
  const nlohmann::json* value = nullptr;
  switch (ref.root) {
    case Reference::Root::input: {
      const auto& inputs = scope.frame->inputs;
      auto it = inputs.find(ref.name);
      value = it == inputs.end() ? nullptr : &*it;
      break;
    }
    case Reference::Root::step:
      value = ref.step < scope.frame->outputs.size() ? &scope.frame->outputs[ref.step] : nullptr;
      break;
    case Reference::Root::local: value = scope.local(ref.name); break;
  }
  for (const auto& segment : ref.rest) {
    if (!value) return nullptr;
    if (value->is_object()) {
      auto it = value->find(segment);
      value = it == value->end() ? nullptr : &*it;
    } else if (value->is_array()) {
      std::size_t index = 0;
      auto [ptr, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), index);
      if (ec != std::errc() || ptr != segment.data() + segment.size() || index >= value->size()) return nullptr;
      value = &(*value)[index];
    } else {
      return nullptr;
    }
  }
  return value;
}

std::string to_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  return core::dump_json(value);
}

}  // namespace genops::chains
