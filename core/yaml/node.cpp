// Node access: typed scalars, lists, maps and located failures.
#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/yaml/document.hpp"
#include "core/yaml/scalar.hpp"

namespace genops::core::yaml {

namespace {

// "got X" for messages: the text of an unquoted scalar, "the string ..." for a
// quoted one, and the kind for anything else.
std::string got(const Node& node) {
  if (!node.is_scalar()) return node.describe();
  if (node.quoted()) return "the string " + quote(node.as_string());
  return quote(node.as_string());
}

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

}  // namespace

std::string Node::describe() const {
  switch (m_kind) {
    case Kind::null: return "null";
    case Kind::sequence: return "a list";
    case Kind::map: return "a map";
    case Kind::scalar: break;
  }
  if (m_quoted) return "a string";
  if (m_scalar == "true" || m_scalar == "false") return "a boolean";
  if (is_number(m_scalar)) return "a number";
  return "a string";
}

const std::string& Node::as_string() const {
  if (!is_scalar()) fail("expected a string, got " + describe());
  return m_scalar;
}

std::int64_t Node::as_int() const {
  if (!is_scalar() || m_quoted) fail("expected an integer, got " + got(*this));
  auto value = parse_int(m_scalar);
  if (!value) fail(value.error());
  return *value;
}

double Node::as_double() const {
  if (!is_scalar() || m_quoted) fail("expected a number, got " + got(*this));
  auto value = parse_double(m_scalar);
  if (!value) fail(value.error());
  return *value;
}

bool Node::as_bool() const {
  if (!is_scalar() || m_quoted) fail("expected true or false, got " + got(*this));
  auto value = parse_bool(m_scalar);
  if (!value) fail(value.error());
  return *value;
}

std::chrono::milliseconds Node::as_duration() const {
  // Quoted or not: a duration is text either way ("30s").
  if (!is_scalar()) fail("expected a duration like 30s, 500ms or 2m, got " + describe());
  auto value = parse_duration(m_scalar);
  if (!value) fail(value.error());
  return *value;
}

std::span<const Node> Node::items() const {
  if (!is_sequence()) fail("expected a list, got " + describe());
  return m_items;
}

const std::vector<std::pair<std::string, Node>>& Node::entries() const {
  if (!is_map()) fail("expected a map, got " + describe());
  return m_entries;
}

const Node* Node::find(std::string_view key) const {
  for (const auto& [name, value] : entries()) {
    if (name == key) return &value;
  }
  return nullptr;
}

const Node& Node::at(std::string_view key) const {
  if (const Node* value = find(key)) return *value;
  fail("missing required field " + quote(key));
}

void Node::check_keys(std::initializer_list<std::string_view> allowed) const {
  std::vector<std::string> names(allowed.begin(), allowed.end());
  check_keys(std::span<const std::string>(names));
}

void Node::check_keys(std::span<const std::string> allowed) const {
  for (const auto& [key, value] : entries()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      fail_key(key, "unknown key " + quote(key), {suggest(key, allowed)});
    }
  }
}

void Node::fail(std::string_view message, std::vector<std::string> hints) const {
  if (m_doc) m_doc->fail_at(m_mark, m_path, message, std::move(hints));
  // A node built by hand has no file to point into.
  std::string what = m_path.empty() ? std::string(message) : m_path + ": " + std::string(message);
  throw Error(ErrorKind::invalid_input, std::move(what), std::move(hints));
}

void Node::fail_key(std::string_view key, std::string_view message, std::vector<std::string> hints) const {
  for (std::size_t i = 0; i < m_entries.size() && i < m_key_marks.size(); ++i) {
    if (m_entries[i].first == key && m_doc) {
      m_doc->fail_at(m_key_marks[i], child_path(m_path, key), message, std::move(hints));
    }
  }
  fail(message, std::move(hints));
}

void require_version(const Node& root) {
  if (!root.is_map()) root.fail("expected a map starting with `version: 1`, got " + root.describe());
  const Node* version = root.find("version");
  if (!version) {
    std::vector<std::string> hints{"add `version: 1` as the first line"};
    if (const Document* doc = root.document()) doc->fail_at(Mark{1, 1}, "", "missing required field `version`", hints);
    root.fail("missing required field `version`", hints);
  }
  auto number = version->is_scalar() && !version->quoted() ? parse_int(version->as_string())
                                                           : Expected<std::int64_t>(unexpected(""));
  if (!number) {
    std::vector<std::string> hints;
    if (version->quoted()) hints.push_back("write `version: 1` without quotes");
    version->fail("expected version 1, got " + got(*version), std::move(hints));
  }
  if (*number != 1) {
    version->fail("unsupported version " + std::to_string(*number) + "; this genops reads version 1");
  }
}

}  // namespace genops::core::yaml
