// Parsing. Checks the raw text first (prescan.cpp), makes one pass over the
// parser events (events.cpp: documents, alias cycles, node budget), then
// loads yaml-cpp's tree and converts it into located Nodes, enforcing the
// depth limit. With events.cpp the only user of yaml-cpp.
#include "core/yaml/document.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/strings.hpp"
#include "core/yaml/events.hpp"
#include "core/yaml/prescan.hpp"
#include "core/yaml/source.hpp"

namespace genops::core::yaml {

namespace {

constexpr std::string_view k_str_tag = "tag:yaml.org,2002:str";
constexpr std::string_view k_bom = "\xEF\xBB\xBF";

std::string describe_yaml(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Scalar: return "a string";
    default: return "null";
  }
}

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string depth_message(std::size_t max_depth) {
  return "nesting deeper than " + std::to_string(max_depth) + " levels (the limit)";
}

const std::string k_cycle_message = "alias cycle: this node contains itself through an alias";
const std::string k_cycle_hint = "an alias (*name) cannot point at a node that contains it";

const std::string k_empty_message = "empty document, expected a map starting with `version: 1`";

std::string expansion_message(std::size_t max_nodes) {
  return "alias expansion exceeds " + std::to_string(max_nodes) + " nodes (the limit)";
}

}  // namespace

// Builds one Document; the friend of Node and Document that fills them in.
struct Builder {
  Builder(Document& doc, const Limits& limits) : m_doc(doc), m_limits(limits) {}

  Document& m_doc;
  const Limits& m_limits;
  std::size_t m_visited = 0;
  std::vector<YAML::Node> m_ancestors;  // collections on the current path, for cycles
  mutable Mark m_last;                  // the last mark computed by mark_at, and its offset
  mutable std::size_t m_last_offset = 0;

  static std::unique_ptr<Document> load(std::string text, std::string name, const Limits& limits) {
    if (text.size() > limits.max_bytes) {
      fail_input(name + ": file is " + std::to_string(text.size()) + " bytes, over the limit of " +
                     std::to_string(limits.max_bytes) + " bytes",
                 {"split the file, or keep large data in a dataset file, which is streamed"});
    }
    // yaml-cpp skips a byte-order mark without counting it in its positions.
    if (starts_with(text, k_bom)) text.erase(0, k_bom.size());
    // The constructor is private so that documents only exist behind a stable address.
    std::unique_ptr<Document> doc(new Document());
    doc->m_name = std::move(name);
    doc->m_text = std::move(text);
    doc->m_line_starts.push_back(0);
    for (auto i = doc->m_text.find('\n'); i != std::string::npos; i = doc->m_text.find('\n', i + 1)) {
      doc->m_line_starts.push_back(i + 1);
    }
    Builder builder(*doc, limits);
    builder.build();
    return doc;
  }

  void build() {
    if (auto problem = prescan(m_doc.m_text, m_limits)) {
      m_doc.fail_at(mark_at(problem->offset), "", problem->message, problem->hints);
    }
    scan_events();
    auto root = yaml_call([&] { return YAML::Load(m_doc.m_text); });
    if (root.IsNull()) m_doc.fail_at(Mark{}, "", k_empty_message);
    convert(root, m_doc.m_root, "", Mark{1, 1}, 1);
  }

  // Runs `parse`, turning yaml-cpp's exceptions into located errors.
  template <typename F>
  auto yaml_call(F&& parse) const -> decltype(parse()) {
    try {
      return parse();
    } catch (const YAML::DeepRecursion& e) {
      // Only reached when the prescan's estimate was low; same message either way.
      m_doc.fail_at(mark_of(e.mark, Mark{}), "", depth_message(m_limits.max_depth));
    } catch (const YAML::Exception& e) {
      m_doc.fail_at(mark_of(e.mark, Mark{}), "", "invalid YAML: " + e.msg);
    }
  }

  void scan_events() const {
    EventScan scan(m_limits.max_nodes);
    std::istringstream in(m_doc.m_text);
    try {
      yaml_call([&] {
        YAML::Parser parser(in);
        // Three documents tell "more than one" from yaml-cpp repeating one forever.
        while (scan.documents() < 3 && !scan.stuck() && parser.HandleNextDocument(scan)) {
        }
        return 0;
      });
    } catch (const EventScan::Stop& stop) {
      fail_scan(stop);
    }
    if (scan.stuck()) {
      auto pos = static_cast<std::size_t>(std::max(scan.last_start().pos, 0));
      char c = pos < m_doc.m_text.size() ? m_doc.m_text[pos] : ' ';
      bool shown = c > ' ' && c < 0x7f;
      m_doc.fail_at(mark_of(scan.last_start(), Mark{}), "",
                    "invalid YAML: unexpected " + (shown ? quote(std::string(1, c)) : std::string("character")));
    }
    if (scan.documents() == 0) m_doc.fail_at(Mark{}, "", k_empty_message);
    if (scan.documents() > 1) {
      // The second document starts at its `---` line.
      m_doc.fail_at(mark_of(scan.second_start(), Mark{}), "", "more than one document; a genops file holds exactly one",
                    {"remove this `---` line, or move what follows to a file of its own"});
    }
  }

  [[noreturn]] void fail_scan(const EventScan::Stop& stop) const {
    auto mark = mark_of(stop.mark, Mark{});
    switch (stop.reason) {
      case EventScan::Stop::Reason::cycle: m_doc.fail_at(mark, stop.path, k_cycle_message, {k_cycle_hint});
      case EventScan::Stop::Reason::too_many_nodes: fail_too_many(mark, stop.path);
      case EventScan::Stop::Reason::alias_expansion: break;
    }
    m_doc.fail_at(mark, stop.path, expansion_message(m_limits.max_nodes),
                  {"every use of an alias counts its whole node again; use fewer nested aliases"});
  }

  void convert(const YAML::Node& in, Node& out, std::string path, Mark fallback, std::size_t depth) {
    out.m_doc = &m_doc;
    out.m_path = std::move(path);
    out.m_mark = node_mark(in, fallback);
    count_visit(out.m_mark, out.m_path);
    switch (in.Type()) {
      case YAML::NodeType::Scalar:
        out.m_kind = Node::Kind::scalar;
        out.m_scalar = in.Scalar();
        // yaml-cpp tags quoted scalars "!" and plain ones "?".
        out.m_quoted = in.Tag() == "!" || in.Tag() == k_str_tag;
        return;
      case YAML::NodeType::Sequence:
      case YAML::NodeType::Map: convert_collection(in, out, depth); return;
      default: out.m_kind = Node::Kind::null; return;
    }
  }

  void convert_collection(const YAML::Node& in, Node& out, std::size_t depth) {
    // scan_events() has already caught cycles; this is the backstop that
    // keeps a recursive walk finite whatever happens upstream.
    for (const auto& ancestor : m_ancestors) {
      if (ancestor.is(in)) {
        m_doc.fail_at(out.m_mark, out.m_path, k_cycle_message, {k_cycle_hint});
      }
    }
    if (depth > m_limits.max_depth) m_doc.fail_at(out.m_mark, out.m_path, depth_message(m_limits.max_depth));
    m_ancestors.push_back(in);
    if (in.IsSequence()) {
      convert_sequence(in, out, depth);
    } else {
      convert_map(in, out, depth);
    }
    m_ancestors.pop_back();
  }

  void convert_sequence(const YAML::Node& in, Node& out, std::size_t depth) {
    out.m_kind = Node::Kind::sequence;
    out.m_items.reserve(std::min(in.size(), remaining_budget()));
    std::size_t index = 0;
    for (auto it = in.begin(); it != in.end(); ++it, ++index) {
      out.m_items.emplace_back();
      convert(*it, out.m_items.back(), out.m_path + "[" + std::to_string(index) + "]", out.m_mark, depth + 1);
    }
  }

  void convert_map(const YAML::Node& in, Node& out, std::size_t depth) {
    out.m_kind = Node::Kind::map;
    auto expected = std::min(in.size(), remaining_budget());
    out.m_entries.reserve(expected);
    out.m_key_marks.reserve(expected);
    std::unordered_map<std::string, std::size_t> seen;  // key -> index in m_entries
    for (auto it = in.begin(); it != in.end(); ++it) {
      // *it is a temporary pair of handles: copy them, never bind references into it.
      const auto entry = *it;
      const YAML::Node& key = entry.first;
      Mark key_mark = mark_of(key.Mark(), out.m_mark);
      count_visit(key_mark, out.m_path);
      if (!key.IsScalar()) {
        m_doc.fail_at(key_mark, out.m_path, "a map key must be a string, got " + describe_yaml(key));
      }
      auto path = child_path(out.m_path, key.Scalar());
      auto [first, inserted] = seen.emplace(key.Scalar(), out.m_entries.size());
      if (!inserted) {
        int first_line = out.m_key_marks[first->second].line;
        m_doc.fail_at(key_mark, path,
                      "duplicate key " + quote(key.Scalar()) + " (first at line " + std::to_string(first_line) + ")",
                      {"remove one of them"});
      }
      out.m_key_marks.push_back(key_mark);
      out.m_entries.emplace_back(key.Scalar(), Node{});
      convert(entry.second, out.m_entries.back().second, std::move(path), key_mark, depth + 1);
    }
  }

  // scan_events() has counted these nodes already; this keeps the walk bounded regardless.
  void count_visit(Mark mark, const std::string& path) {
    if (++m_visited > m_limits.max_nodes) fail_too_many(mark, path);
  }

  [[noreturn]] void fail_too_many(Mark mark, const std::string& path) const {
    m_doc.fail_at(mark, path, "document has more than " + std::to_string(m_limits.max_nodes) + " nodes (the limit)",
                  {"split the file, or keep large data in a dataset file, which is streamed"});
  }

  std::size_t remaining_budget() const {
    return m_limits.max_nodes > m_visited ? m_limits.max_nodes - m_visited : 0;
  }

  // yaml-cpp marks an empty value (`key:`) at the next token, often on a later
  // line; only an explicit `~` or `null` has a mark of its own.
  Mark node_mark(const YAML::Node& in, Mark fallback) const {
    auto mark = in.Mark();
    if (in.IsNull()) {
      auto pos = static_cast<std::size_t>(std::max(mark.pos, 0));
      if (mark.pos < 0 || pos >= m_doc.m_text.size()) return fallback;
      char c = m_doc.m_text[pos];
      if (c != '~' && c != 'n' && c != 'N') return fallback;
    }
    return mark_of(mark, fallback);
  }

  Mark mark_of(const YAML::Mark& mark, Mark fallback) const {
    if (mark.pos >= 0 && static_cast<std::size_t>(mark.pos) <= m_doc.m_text.size()) {
      return mark_at(static_cast<std::size_t>(mark.pos));
    }
    if (mark.line >= 0 && mark.column >= 0) return Mark{mark.line + 1, mark.column + 1};
    return fallback;
  }

  Mark mark_at(std::size_t offset) const {
    const auto& starts = m_doc.m_line_starts;
    auto next = std::upper_bound(starts.begin(), starts.end(), offset);
    auto line = static_cast<int>(next - starts.begin());
    auto start = starts[static_cast<std::size_t>(line - 1)];
    auto text = m_doc.source_line(line);
    // Nodes come mostly in file order: count characters on from the last mark.
    if (m_last.line != line || m_last_offset > offset) {
      m_last = Mark{line, 1};
      m_last_offset = start;
    }
    auto rest = text.substr(std::min(m_last_offset - start, text.size()));
    m_last.column += char_column(rest, offset - m_last_offset) - 1;
    m_last_offset = offset;
    return m_last;
  }

};

std::unique_ptr<Document> Document::load_file(const std::string& path, const Limits& limits) {
  auto text = read_file(path, limits.max_bytes);
  return Builder::load(std::move(text), display_path(path), limits);
}

std::unique_ptr<Document> Document::load_string(std::string text, std::string name, const Limits& limits) {
  return Builder::load(std::move(text), std::move(name), limits);
}

}  // namespace genops::core::yaml
