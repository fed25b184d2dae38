#pragma once
// Located errors inside a YAML scalar, and compiling templates and
// expressions with them (internal to the chain loader).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "chains/expr/expression.hpp"
#include "chains/template.hpp"
#include "core/yaml/document.hpp"

namespace genops::chains::load {

// Fails at byte `offset` of scalar `node`'s text when the source line shows
// it verbatim, otherwise at the node.
[[noreturn]] void fail_in_scalar(const core::yaml::Node& node, std::size_t offset, std::string_view message,
                                 std::vector<std::string> hints = {});

// Compiles the template in `node` against `shape`; the indices of the steps
// it reads are appended to `deps`. Throws a located Error(invalid_input).
Template compile_at(const core::yaml::Node& node, const ScopeShape& shape, std::vector<std::size_t>& deps);

// Parses and binds the expression in `node`, as compile_at does templates.
expr::Expression parse_expression_at(const core::yaml::Node& node, const ScopeShape& shape,
                                     std::vector<std::size_t>& deps);

}  // namespace genops::chains::load
