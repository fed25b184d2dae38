#pragma once
// Prompt versions and labels in the lineage store.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lineage/store.hpp"

namespace genops::core::prompt {

struct PromptVersionRecord {
  std::int64_t id = 0;
  std::string name;
  std::int64_t number = 0;      // 1, 2, 3… per name
  std::string hash;             // SHA-256 of the canonical content
  std::string content_json;     // the canonical content
  std::string source_path;      // the file it was added from
  std::string message;
  std::string author;
  std::string created_at;
  std::int64_t parent_number = 0;  // 0 for the first version
  std::vector<std::string> labels;  // labels pointing at it now
};

struct PromptSummary {
  std::string name;
  std::int64_t latest = 0;
  std::int64_t versions = 0;
  std::string updated_at;
  std::vector<std::pair<std::string, std::int64_t>> labels;  // label -> version number
};

struct LabelMove {
  std::string label;
  std::int64_t number = 0;
  std::int64_t previous = 0;  // 0 when the label is new
  std::string author;
  std::string moved_at;
};

// What a new version is made of.
struct NewPromptVersion {
  std::string name;
  std::string hash;
  std::string content_json;
  std::string source_text;
  std::string source_path;
  std::string message;
  std::string author;
};

struct AddOutcome {
  PromptVersionRecord version;
  bool created = false;  // false: identical content already existed
  std::optional<LabelMove> label_move;
};

class PromptStore {
 public:
  explicit PromptStore(core::lineage::Store& store) : m_store(store) {}

  // Adds a version (numbered after the latest) unless identical content is
  // already a version of that name; optionally moves `label` to it. Atomic.
  AddOutcome add_version(const NewPromptVersion& version, const std::string& label = {});

  std::vector<PromptSummary> list();
  std::vector<std::string> names();
  // All versions of `name`, newest first.
  std::vector<PromptVersionRecord> log(std::string_view name);
  std::optional<PromptVersionRecord> find_number(std::string_view name, std::int64_t number);
  std::optional<PromptVersionRecord> find_latest(std::string_view name);
  std::optional<PromptVersionRecord> find_label(std::string_view name, std::string_view label);
  // Versions of `name` whose hash starts with `prefix`.
  std::vector<PromptVersionRecord> find_hash_prefix(std::string_view name, std::string_view prefix);
  std::vector<std::string> labels(std::string_view name);
  // Points `label` at version `number` of `name`, recording the move.
  LabelMove set_label(std::string_view name, std::int64_t number, std::string_view label,
                      std::string_view author);
  std::vector<LabelMove> label_history(std::string_view name);
  // The YAML text a version was added from.
  std::optional<std::string> source_text(const PromptVersionRecord& version);

 private:
  LabelMove move_label(std::int64_t prompt_id, std::int64_t version_id, std::int64_t number,
                       std::string_view label, std::string_view author);
  std::vector<PromptVersionRecord> query_versions(std::string_view where_sql, std::string_view name,
                                                  std::string_view arg);
  core::lineage::Store& m_store;
};

}  // namespace genops::core::prompt
