#pragma once
// Located YAML: a parsed document as our own tree, where every node knows its
// file, line, column and field path, so every error can say exactly where.
// yaml-cpp is used only inside core/yaml/ (document.cpp and events.cpp).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace genops::core::yaml {

// Limits applied before and while parsing untrusted YAML.
struct Limits {
  std::size_t max_bytes = 1024 * 1024;   // file size, checked before parsing
  std::size_t max_depth = 64;            // nesting of maps and sequences
  std::size_t max_nodes = 100'000;       // nodes visited, counting through aliases
};

struct Mark {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based, in characters (UTF-8 code points)
};

class Document;

// One node of the tree. Scalars keep their text and whether they were quoted
// (so "1" is a string and 1 a number). Map entries keep their order.
class Node {
 public:
  enum class Kind { null, scalar, sequence, map };

  Kind kind() const { return m_kind; }
  bool is_null() const { return m_kind == Kind::null; }
  bool is_scalar() const { return m_kind == Kind::scalar; }
  bool is_sequence() const { return m_kind == Kind::sequence; }
  bool is_map() const { return m_kind == Kind::map; }
  Mark mark() const { return m_mark; }
  // The field path used in messages, e.g. "steps[2].provider"; "" for the root.
  const std::string& path() const { return m_path; }
  // "a string", "a number", "a map", "a list", "null": for "expected X, got Y" messages.
  std::string describe() const;

  // Scalar access; each throws a located Error(invalid_input) on a wrong type.
  const std::string& as_string() const;          // any unquoted or quoted scalar
  std::int64_t as_int() const;                   // an integer
  double as_double() const;                      // a number
  bool as_bool() const;                          // true/false
  std::chrono::milliseconds as_duration() const; // 30s, 500ms, 2m, 1h, or a number of seconds
  bool quoted() const { return m_quoted; }
  // The document this node was read from; nullptr for a node built by hand.
  const Document* document() const { return m_doc; }

  // Sequence items (throws if not a list).
  std::span<const Node> items() const;
  // Map entries as (key, value) in file order (throws if not a map).
  const std::vector<std::pair<std::string, Node>>& entries() const;
  // The value under `key`, or nullptr (throws if not a map).
  const Node* find(std::string_view key) const;
  // The value under `key`; throws "missing required field" when absent.
  const Node& at(std::string_view key) const;
  // Fails on the first key not in `allowed`, pointing at that key, with a did-you-mean hint.
  void check_keys(std::initializer_list<std::string_view> allowed) const;
  void check_keys(std::span<const std::string> allowed) const;

  // Throws Error(invalid_input): "file:line:col: path: message", the source line and a caret.
  [[noreturn]] void fail(std::string_view message, std::vector<std::string> hints = {}) const;
  // As fail(), pointing at the key of entry `key` rather than at its value.
  [[noreturn]] void fail_key(std::string_view key, std::string_view message,
                             std::vector<std::string> hints = {}) const;

 private:
  friend class Document;
  friend struct Builder;
  Kind m_kind = Kind::null;
  Mark m_mark;
  std::string m_path;
  std::string m_scalar;
  bool m_quoted = false;
  std::vector<Node> m_items;
  std::vector<std::pair<std::string, Node>> m_entries;
  std::vector<Mark> m_key_marks;  // parallel to m_entries
  const Document* m_doc = nullptr;
};

// A parsed file. Not copyable or movable: nodes point back at it for messages.
class Document {
 public:
  // Reads and parses a file. Throws a located Error(invalid_input) for a missing
  // file, an oversize file, invalid UTF-8, tabs in indentation, malformed YAML,
  // an empty document, nesting past the depth limit, an alias cycle, or an
  // alias expansion past the node budget.
  static std::unique_ptr<Document> load_file(const std::string& path, const Limits& limits = {});
  // As load_file, for text already in memory; `name` is used in messages.
  static std::unique_ptr<Document> load_string(std::string text, std::string name,
                                               const Limits& limits = {});

  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const Node& root() const { return m_root; }
  const std::string& name() const { return m_name; }
  // Source line `line` (1-based) without its newline, or "" when out of range.
  std::string_view source_line(int line) const;
  // Located error at `mark`: "name:line:col: path: message" plus the source line and a caret.
  [[noreturn]] void fail_at(Mark mark, std::string_view path, std::string_view message,
                            std::vector<std::string> hints = {}) const;

 private:
  Document() = default;
  friend struct Builder;
  std::string m_name;
  std::string m_text;
  std::vector<std::size_t> m_line_starts;
  Node m_root;
};

// Checks `version: 1` at the root: missing, wrong type or another number is a
// located error that names the supported version.
void require_version(const Node& root);

}  // namespace genops::core::yaml
