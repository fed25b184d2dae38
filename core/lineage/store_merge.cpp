#include "core/lineage/store_merge.hpp"

#include "core/lineage/store_merge_detail.hpp"

namespace genops::core::lineage {

namespace merge_detail {

Value read_value(const Statement& q, int index, Type type) {
  if (q.is_null(index)) return std::monostate{};
  switch (type) {
    case Type::integer: return q.integer(index);
    case Type::real: return q.real(index);
    case Type::blob: return q.blob(index);
    case Type::text: break;
  }
  return q.text(index);
}

void bind_value(Statement& q, int index, const Value& value, Type type) {
  if (std::holds_alternative<std::monostate>(value)) q.bind_null(index);
  else if (auto* i = std::get_if<std::int64_t>(&value)) q.bind(index, *i);
  else if (auto* d = std::get_if<double>(&value)) q.bind(index, *d);
  else if (type == Type::blob) q.bind_blob(index, std::get<std::string>(value));
  else q.bind(index, std::string_view(std::get<std::string>(value)));
}

std::string show_value(const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) return "NULL";
  if (auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&value)) return std::to_string(*d);
  const auto& text = std::get<std::string>(value);
  return text.size() > 40 ? text.substr(0, 40) + "..." : text;
}

void Tally::added(const std::string& table, std::int64_t n) {
  for (auto& [name, count] : m_report.added)
    if (name == table) {
      count += n;
      return;
    }
  m_report.added.emplace_back(table, n);
}

}  // namespace merge_detail

namespace {

using namespace merge_detail;

struct Column {
  const char* name;
  Type type;
  bool compared = true;  // false: the target's value stands (a first-seen timestamp, a counter)
};

// A table copied row by row: its first `key` columns are its key (all of them
// for a table without one).
struct TableSpec {
  const char* name;
  std::size_t key;
  std::vector<Column> columns;
};

constexpr Type T = Type::text, I = Type::integer, R = Type::real, B = Type::blob;

const std::vector<TableSpec>& keyed_tables() {
  static const std::vector<TableSpec> tables = {
      {"response_cache", 1, {{"key", T}, {"response", T}, {"created_at", T, false}, {"hits", I, false}}},
      {"chain_versions", 1,
       {{"hash", T}, {"name", T, false}, {"source_path", T, false}, {"content_blob", T}, {"created_at", T, false}}},
      {"runs", 1,
       {{"id", T}, {"kind", T}, {"name", T}, {"version", T}, {"source_path", T}, {"status", T}, {"started_at", T},
        {"ended_at", T}, {"inputs_blob", T}, {"outputs_blob", T}, {"error", T}, {"steps", I}, {"input_tokens", I},
        {"output_tokens", I}, {"cost_usd", R}, {"duration_ms", I}, {"git_commit", T}, {"host", T}, {"batch_id", T},
        {"row_index", I}, {"inputs", T}, {"outputs", T}, {"owner_pid", I}, {"owner_start", I}}},
      {"steps", 2,
       {{"run_id", T}, {"seq", I}, {"parent_seq", I}, {"item_index", I}, {"step_id", T}, {"kind", T}, {"status", T},
        {"prompt_ref", T}, {"prompt_hash", T}, {"provider", T}, {"model", T}, {"params", T}, {"request_blob", T},
        {"output_blob", T}, {"input_tokens", I}, {"output_tokens", I}, {"cost_usd", R}, {"started_at", T},
        {"latency_us", I}, {"cache_hit", I}, {"retries", I}, {"error", T}, {"request", T}, {"output", T}}},
      {"retrieval_indexes", 1,
       {{"name", T}, {"chunk_size", I}, {"overlap", I}, {"embed_provider", T}, {"dims", I}, {"created_at", T, false}}},
      {"eval_runs", 1,
       {{"id", T}, {"suite", T}, {"suite_path", T}, {"suite_hash", T}, {"target", T}, {"target_version", T},
        {"providers", T}, {"repeat", I}, {"status", T}, {"started_at", T}, {"ended_at", T}, {"planned", I},
        {"summary", T}, {"gate_passed", I}, {"git_commit", T}, {"host", T}, {"owner_pid", I}, {"owner_start", I},
        {"run_name", T}, {"shard_index", I}, {"shard_count", I}, {"provider_used", T}}},
      {"eval_results", 4,
       {{"eval_run_id", T}, {"case_key", T}, {"provider", T}, {"repeat", I}, {"case_index", I}, {"description", T},
        {"vars", T}, {"expected", T}, {"output", T}, {"run_id", T}, {"pass", I}, {"score", R}, {"error", T},
        {"latency_ms", I}, {"input_tokens", I}, {"output_tokens", I}, {"cost_usd", R}, {"cached", I},
        {"assertions", T}}},
      {"eval_labels", 4, {{"label", T}, {"suite", T}, {"eval_run_id", T}, {"created_at", T}, {"author", T}}},
      {"eval_prompt_versions", 3, {{"eval_run_id", T}, {"prompt", T}, {"version", I}}},
      {"skew_reports", 1,
       {{"id", T}, {"created_at", T}, {"reference", T}, {"current", T}, {"drift", I}, {"tested", I}, {"drifted", I},
        {"report", T}, {"git_commit", T}, {"host", T}}},
  };
  return tables;
}

std::string column_list(const TableSpec& t, std::size_t from, std::size_t to, const char* separator,
                        bool placeholders, std::size_t first_param = 1) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += separator;
    out += t.columns[i].name;
    if (placeholders) out += " = ?" + std::to_string(first_param + i - from);
  }
  return out;
}

void merge_table(const TableSpec& t, Database& source, Database& target, Tally& tally) {
  const auto n = t.columns.size();
  const std::string all = column_list(t, 0, n, ", ", false);
  auto read = source.prepare("SELECT " + all + " FROM " + t.name);
  auto find = target.prepare("SELECT " + all + " FROM " + t.name + " WHERE " + column_list(t, 0, t.key, " AND ", true));
  std::string params;
  for (std::size_t i = 1; i <= n; ++i) params += (i > 1 ? ",?" : "?") + std::to_string(i);
  auto insert = target.prepare("INSERT INTO " + std::string(t.name) + " (" + all + ") VALUES (" + params +
                               ") ON CONFLICT DO NOTHING");
  std::vector<Value> row(n);
  while (read.step()) {
    for (std::size_t i = 0; i < n; ++i) row[i] = read_value(read, static_cast<int>(i), t.columns[i].type);
    for (std::size_t i = 0; i < t.key; ++i) bind_value(find, static_cast<int>(i + 1), row[i], t.columns[i].type);
    if (find.step()) {
      std::vector<std::string> differ;
      for (std::size_t i = t.key; i < n; ++i)
        if (t.columns[i].compared && read_value(find, static_cast<int>(i), t.columns[i].type) != row[i])
          differ.push_back(t.columns[i].name);
      if (differ.empty()) tally.same();
      else {
        std::string key;
        for (std::size_t i = 0; i < t.key; ++i)
          key += (i ? ", " : "") + std::string(t.columns[i].name) + "=" + show_value(row[i]);
        tally.conflict(t.name, key, differ);
      }
    } else {
      for (std::size_t i = 0; i < n; ++i) bind_value(insert, static_cast<int>(i + 1), row[i], t.columns[i].type);
      insert.run();
      insert.reset();
      tally.added(t.name);
    }
    find.reset();
  }
}

void merge_blobs(Database& source, Database& target, Tally& tally) {
  auto read = source.prepare("SELECT hash, size, content FROM blobs");
  auto find = target.prepare("SELECT 1 FROM blobs WHERE hash = ?1");
  auto insert = target.prepare("INSERT INTO blobs (hash, size, content) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
  while (read.step()) {
    find.bind(1, read.text(0));
    if (find.step()) tally.same();  // the content is its hash's
    else {
      insert.bind(1, read.text(0)).bind(2, read.integer(1)).bind_blob(3, read.blob(2)).run();
      insert.reset();
      tally.added("blobs");
    }
    find.reset();
  }
}

}  // namespace

std::int64_t MergeReport::total_added() const {
  std::int64_t n = 0;
  for (const auto& [_, count] : added) n += count;
  return n;
}

MergeReport merge_store(Database& source, Database& target) {
  MergeReport report;
  Tally tally(report);
  Transaction tx(target);
  merge_blobs(source, target, tally);  // first: rows of every other table may point at blobs
  merge_prompts(source, target, tally);
  const auto& tables = keyed_tables();
  for (const auto& t : tables) {
    merge_table(t, source, target, tally);
    if (std::string_view(t.name) == "retrieval_indexes") merge_retrieval_documents(source, target, tally);
  }
  tx.commit();
  return report;
}

}  // namespace genops::core::lineage
