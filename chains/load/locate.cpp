#include "chains/load/locate.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace genops::chains::load {

namespace {

// The byte index of 1-based character `column` in `line`.
std::size_t byte_of_column(std::string_view line, int column) {
  return core::utf8::byte_offset(line, column > 1 ? static_cast<std::size_t>(column - 1) : 0);
}

int characters(std::string_view text) { return static_cast<int>(core::utf8::count(text)); }

void add_deps(const std::vector<const Reference*>& refs, std::vector<std::size_t>& deps) {
  for (const auto* ref : refs) {
    if (ref->root == Reference::Root::step) deps.push_back(ref->step);
  }
}

}  // namespace

void fail_in_scalar(const core::yaml::Node& node, std::size_t offset, std::string_view message,
                    std::vector<std::string> hints) {
  const auto* doc = node.document();
  if (!doc || !node.is_scalar()) node.fail(message, std::move(hints));
  auto mark = node.mark();
  std::string_view line = doc->source_line(mark.line);
  std::size_t start = byte_of_column(line, mark.column) + (node.quoted() ? 1 : 0);
  std::string_view value = node.as_string();
  if (offset <= value.size() && start <= line.size() && line.substr(start, offset) == value.substr(0, offset)) {
    core::yaml::Mark at{mark.line, mark.column + (node.quoted() ? 1 : 0) + characters(value.substr(0, offset))};
    doc->fail_at(at, node.path(), message, std::move(hints));
  }
  node.fail(message, std::move(hints));
}

Template compile_at(const core::yaml::Node& node, const ScopeShape& shape, std::vector<std::size_t>& deps) {
  if (!node.is_scalar()) node.fail("expected a template string, got " + node.describe());
  auto compiled = compile_template(node.as_string(), shape);
  if (auto* error = std::get_if<TemplateError>(&compiled)) fail_in_scalar(node, error->offset, error->message, error->hints);
  auto& t = std::get<Template>(compiled);
  add_deps(t.references(), deps);
  return std::move(t);
}

expr::Expression parse_expression_at(const core::yaml::Node& node, const ScopeShape& shape,
                                     std::vector<std::size_t>& deps) {
  if (!node.is_scalar()) node.fail("expected an expression string, got " + node.describe());
  auto parsed = expr::parse_expression(node.as_string());
  if (auto* error = std::get_if<expr::SyntaxError>(&parsed)) fail_in_scalar(node, error->offset, error->message, error->hints);
  auto& expression = std::get<expr::Expression>(parsed);
  if (auto error = expression.bind(shape)) fail_in_scalar(node, error->offset, error->error.message, error->error.hints);
  add_deps(expression.references(), deps);
  return std::move(expression);
}

}  // namespace genops::chains::load
