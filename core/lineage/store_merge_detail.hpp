#pragma once
// What the parts of store_merge share: a column's value read without knowing
// its type at compile time, and the report being filled. Internal to core/lineage.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/lineage/sqlite.hpp"
#include "core/lineage/store_merge.hpp"

namespace genops::core::lineage::merge_detail {

enum class Type { text, integer, real, blob };

// NULL, an integer, a real, or text/BLOB bytes.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

// Column `index` of the current row of `q` as `type`.
Value read_value(const Statement& q, int index, Type type);
// Binds `value` to parameter `index` (1-based) as `type`.
void bind_value(Statement& q, int index, const Value& value, Type type);
// The value as a key reads in a report: text cut at 40 characters, "NULL".
std::string show_value(const Value& value);

// Counts rows added per table in first-seen order, and the conflicts.
class Tally {
 public:
  explicit Tally(MergeReport& report) : m_report(report) {}
  void added(const std::string& table, std::int64_t n = 1);
  void same() { ++m_report.same; }
  void conflict(std::string table, std::string key, std::vector<std::string> columns) {
    m_report.conflicts.push_back({std::move(table), std::move(key), std::move(columns)});
  }

 private:
  MergeReport& m_report;
};

// Prompts, their versions (by content hash), labels and label history.
void merge_prompts(Database& source, Database& target, Tally& tally);
// Retrieval documents with their chunks (a document's chunks are copied with it).
void merge_retrieval_documents(Database& source, Database& target, Tally& tally);

}  // namespace genops::core::lineage::merge_detail
