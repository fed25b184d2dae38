#include "core/prompt/prompt_store.hpp"

#include "core/error.hpp"
#include "core/time.hpp"

namespace genops::core::prompt {

using core::lineage::Database;
using core::lineage::Transaction;
using core::lineage::Statement;

namespace {

constexpr std::string_view k_version_columns =
    "SELECT v.id, p.name, v.number, v.hash, b.content, v.source_path, v.message, v.author, "
    "v.created_at, COALESCE(pv.number, 0) "
    "FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id "
    "JOIN blobs b ON b.hash = v.content_blob "
    "LEFT JOIN prompt_versions pv ON pv.id = v.parent_id ";

PromptVersionRecord read_version(const Statement& stmt) {
  PromptVersionRecord r;
  r.id = stmt.integer(0);
  r.name = stmt.text(1);
  r.number = stmt.integer(2);
  r.hash = stmt.text(3);
  r.content_json = stmt.text(4);
  r.source_path = stmt.text(5);
  r.message = stmt.text(6);
  r.author = stmt.text(7);
  r.created_at = stmt.text(8);
  r.parent_number = stmt.integer(9);
  return r;
}

std::int64_t ensure_prompt(Database& db, std::string_view name) {
  auto insert = db.prepare("INSERT INTO prompts(name, created_at) VALUES(?1, ?2) ON CONFLICT(name) DO NOTHING");
  insert.bind(1, name).bind(2, std::string_view(now_timestamp())).run();
  auto select = db.prepare("SELECT id FROM prompts WHERE name = ?1");
  select.bind(1, name);
  select.step();
  return select.integer(0);
}

}  // namespace

std::vector<PromptVersionRecord> PromptStore::query_versions(std::string_view where_sql,
                                                             std::string_view name,
                                                             std::string_view arg) {
  auto stmt = m_store.db().prepare(std::string(k_version_columns) + std::string(where_sql));
  stmt.bind(1, name);
  if (!arg.empty()) stmt.bind(2, arg);
  std::vector<PromptVersionRecord> out;
  while (stmt.step()) out.push_back(read_version(stmt));
  for (auto& v : out) {
    auto labels = m_store.db().prepare("SELECT label FROM labels WHERE version_id = ?1 ORDER BY label");
    labels.bind(1, v.id);
    while (labels.step()) v.labels.push_back(labels.text(0));
  }
  return out;
}

AddOutcome PromptStore::add_version(const NewPromptVersion& nv, const std::string& label) {
  auto& db = m_store.db();
  Transaction tx(db);
  AddOutcome outcome;
  auto prompt_id = ensure_prompt(db, nv.name);
  auto existing = query_versions("WHERE p.name = ?1 AND v.hash = ?2", nv.name, nv.hash);
  std::int64_t version_id = 0;
  std::int64_t number = 0;
  if (!existing.empty()) {
    version_id = existing.front().id;
    number = existing.front().number;
  } else {
    auto latest = db.prepare("SELECT id, number FROM prompt_versions WHERE prompt_id = ?1 ORDER BY number DESC LIMIT 1");
    latest.bind(1, prompt_id);
    std::optional<std::int64_t> parent_id;
    if (latest.step()) {
      parent_id = latest.integer(0);
      number = latest.integer(1);
    }
    ++number;
    auto content_blob = m_store.put_blob(nv.content_json);
    auto source_blob = m_store.put_blob(nv.source_text);
    auto insert = db.prepare(
        "INSERT INTO prompt_versions(prompt_id, number, hash, content_blob, source_blob, source_path, "
        "message, author, created_at, parent_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
    insert.bind(1, prompt_id).bind(2, number).bind(3, std::string_view(nv.hash));
    insert.bind(4, std::string_view(content_blob)).bind(5, std::string_view(source_blob));
    insert.bind(6, std::string_view(nv.source_path)).bind(7, std::string_view(nv.message));
    insert.bind(8, std::string_view(nv.author)).bind(9, std::string_view(now_timestamp()));
    if (parent_id) insert.bind(10, *parent_id); else insert.bind_null(10);
    insert.step();
    version_id = insert.integer(0);
    insert.reset();
    outcome.created = true;
  }
  if (!label.empty()) outcome.label_move = move_label(prompt_id, version_id, number, label, nv.author);
  tx.commit();
  outcome.version = query_versions("WHERE v.id = CAST(?2 AS INTEGER) AND p.name = ?1", nv.name,
                                   std::to_string(version_id))
                        .front();
  return outcome;
}

LabelMove PromptStore::move_label(std::int64_t prompt_id, std::int64_t version_id, std::int64_t number,
                                  std::string_view label, std::string_view author) {
  auto& db = m_store.db();
  LabelMove move{std::string(label), number, 0, std::string(author), now_timestamp()};
  auto previous = db.prepare(
      "SELECT l.version_id, v.number FROM labels l JOIN prompt_versions v ON v.id = l.version_id "
      "WHERE l.prompt_id = ?1 AND l.label = ?2");
  previous.bind(1, prompt_id).bind(2, label);
  std::optional<std::int64_t> previous_id;
  if (previous.step()) {
    previous_id = previous.integer(0);
    move.previous = previous.integer(1);
  }
  auto upsert = db.prepare(
      "INSERT INTO labels(prompt_id, label, version_id, moved_at) VALUES(?1, ?2, ?3, ?4) "
      "ON CONFLICT(prompt_id, label) DO UPDATE SET version_id = excluded.version_id, moved_at = excluded.moved_at");
  upsert.bind(1, prompt_id).bind(2, label).bind(3, version_id).bind(4, std::string_view(move.moved_at)).run();
  auto history = db.prepare(
      "INSERT INTO label_history(prompt_id, label, version_id, previous_version_id, author, moved_at) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  history.bind(1, prompt_id).bind(2, label).bind(3, version_id);
  if (previous_id) history.bind(4, *previous_id); else history.bind_null(4);
  history.bind(5, author).bind(6, std::string_view(move.moved_at)).run();
  return move;
}

LabelMove PromptStore::set_label(std::string_view name, std::int64_t number, std::string_view label,
                                 std::string_view author) {
  auto& db = m_store.db();
  Transaction tx(db);
  auto version = find_number(name, number);
  if (!version) fail_input("prompt " + std::string(name) + "@" + std::to_string(number) + " does not exist");
  auto prompt = db.prepare("SELECT id FROM prompts WHERE name = ?1");
  prompt.bind(1, name);
  prompt.step();
  auto move = move_label(prompt.integer(0), version->id, number, label, author);
  tx.commit();
  return move;
}

std::vector<PromptSummary> PromptStore::list() {
  auto& db = m_store.db();
  auto stmt = db.prepare(
      "SELECT p.name, MAX(v.number), COUNT(*), MAX(v.created_at) FROM prompts p "
      "JOIN prompt_versions v ON v.prompt_id = p.id GROUP BY p.id ORDER BY p.name");
  std::vector<PromptSummary> out;
  while (stmt.step()) out.push_back({stmt.text(0), stmt.integer(1), stmt.integer(2), stmt.text(3), {}});
  auto labels = db.prepare(
      "SELECT p.name, l.label, v.number FROM labels l JOIN prompts p ON p.id = l.prompt_id "
      "JOIN prompt_versions v ON v.id = l.version_id ORDER BY p.name, l.label");
  std::size_t i = 0;
  while (labels.step()) {
    auto name = labels.text(0);
    while (i < out.size() && out[i].name < name) ++i;
    if (i < out.size() && out[i].name == name) out[i].labels.emplace_back(labels.text(1), labels.integer(2));
  }
  return out;
}

std::vector<std::string> PromptStore::names() {
  auto stmt = m_store.db().prepare("SELECT name FROM prompts ORDER BY name");
  std::vector<std::string> out;
  while (stmt.step()) out.push_back(stmt.text(0));
  return out;
}

std::vector<PromptVersionRecord> PromptStore::log(std::string_view name) {
  return query_versions("WHERE p.name = ?1 ORDER BY v.number DESC", name, {});
}

std::optional<PromptVersionRecord> PromptStore::find_number(std::string_view name, std::int64_t number) {
  auto found = query_versions("WHERE p.name = ?1 AND v.number = CAST(?2 AS INTEGER)", name, std::to_string(number));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<PromptVersionRecord> PromptStore::find_latest(std::string_view name) {
  auto found = query_versions("WHERE p.name = ?1 ORDER BY v.number DESC LIMIT 1", name, {});
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<PromptVersionRecord> PromptStore::find_label(std::string_view name, std::string_view label) {
  auto found = query_versions(
      "JOIN labels l ON l.version_id = v.id WHERE p.name = ?1 AND l.label = ?2", name, label);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<PromptVersionRecord> PromptStore::find_hash_prefix(std::string_view name, std::string_view prefix) {
  return query_versions("WHERE p.name = ?1 AND substr(v.hash, 1, length(?2)) = ?2 ORDER BY v.number", name, prefix);
}

std::vector<std::string> PromptStore::labels(std::string_view name) {
  auto stmt = m_store.db().prepare(
      "SELECT l.label FROM labels l JOIN prompts p ON p.id = l.prompt_id WHERE p.name = ?1 ORDER BY l.label");
  stmt.bind(1, name);
  std::vector<std::string> out;
  while (stmt.step()) out.push_back(stmt.text(0));
  return out;
}

std::vector<LabelMove> PromptStore::label_history(std::string_view name) {
  auto stmt = m_store.db().prepare(
      "SELECT h.label, v.number, COALESCE(pv.number, 0), h.author, h.moved_at FROM label_history h "
      "JOIN prompts p ON p.id = h.prompt_id JOIN prompt_versions v ON v.id = h.version_id "
      "LEFT JOIN prompt_versions pv ON pv.id = h.previous_version_id WHERE p.name = ?1 ORDER BY h.id");
  stmt.bind(1, name);
  std::vector<LabelMove> out;
  while (stmt.step()) out.push_back({stmt.text(0), stmt.integer(1), stmt.integer(2), stmt.text(3), stmt.text(4)});
  return out;
}

std::optional<std::string> PromptStore::source_text(const PromptVersionRecord& version) {
  auto stmt = m_store.db().prepare("SELECT source_blob FROM prompt_versions WHERE id = ?1");
  stmt.bind(1, version.id);
  if (!stmt.step() || stmt.is_null(0)) return std::nullopt;
  return m_store.get_blob(stmt.text(0));
}

}  // namespace genops::core::prompt
