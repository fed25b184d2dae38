#pragma once
// Shared helpers for the core/yaml unit tests.
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/yaml/document.hpp"

namespace genops::test {

inline std::unique_ptr<core::yaml::Document> load_yaml(std::string text, const core::yaml::Limits& limits = {}) {
  return core::yaml::Document::load_string(std::move(text), "t.yaml", limits);
}

// The core::Error thrown by `f`; any other outcome fails the test.
template <typename F>
core::Error error_from(F&& f) {
  try {
    f();
  } catch (const core::Error& e) {
    return e;
  }
  throw std::logic_error("expected a core::Error, got none");
}

inline core::Error yaml_error(std::string text, const core::yaml::Limits& limits = {}) {
  return error_from([&] { load_yaml(std::move(text), limits); });
}

inline std::string what(const core::Error& e) { return e.what(); }

}  // namespace genops::test
