#pragma once
// One pass over yaml-cpp's parser events, made before the tree is built
// (internal to core/yaml; with document.cpp the only yaml-cpp users). It
// counts documents, notices yaml-cpp 0.7 returning the same empty document
// forever (upstream issue #1040: a stray ',' in block context), and counts the
// nodes a walk of the first document visits with aliases expanded: an alias
// adds the size recorded for its anchor, so the cost is linear in the text
// however far the aliases expand. An alias inside its own anchor is a cycle.
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace genops::core::yaml {

class EventScan final : public YAML::EventHandler {
 public:
  // Thrown out of the parser when the first document must be rejected.
  struct Stop {
    enum class Reason { cycle, too_many_nodes, alias_expansion };
    YAML::Mark mark;   // the event where it happened
    std::string path;  // its field path, as in Node::path()
    Reason reason;
  };

  explicit EventScan(std::size_t max_nodes) : m_budget(max_nodes) {}

  std::size_t documents() const { return m_documents; }
  // The last document started where the one before it did: yaml-cpp is stuck.
  bool stuck() const { return m_stuck; }
  YAML::Mark last_start() const { return m_last_start; }
  YAML::Mark second_start() const { return m_second_start; }

  void OnDocumentStart(const YAML::Mark& mark) override;
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override;
  void OnSequenceEnd() override;
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override;
  void OnMapEnd() override;

 private:
  struct Frame {
    YAML::anchor_t anchor;
    bool is_map;
    std::size_t size;      // nodes in this collection so far, itself included
    std::size_t children;  // nodes finished inside it: items, or keys and values
    std::string key;       // the last key, in a map
  };

  bool counting() const { return m_documents == 1; }  // only the first document is walked
  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor);
  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool is_map);
  void close();
  void add(const YAML::Mark& mark, std::size_t nodes);
  void finish_child(std::size_t nodes);
  std::string path() const;

  std::size_t m_budget;
  std::size_t m_total = 0;
  std::size_t m_documents = 0;
  bool m_stuck = false;
  bool m_saw_alias = false;
  YAML::Mark m_last_start;
  YAML::Mark m_second_start;
  std::vector<Frame> m_open;
  std::unordered_map<YAML::anchor_t, std::size_t> m_sizes;  // anchor -> expanded size
};

}  // namespace genops::core::yaml
